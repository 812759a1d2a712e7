import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { backfillTimelines } from '../modules/dossier/dossier-timeline.service.ts';
import { formatOf, readLegacyFile } from '../modules/legacy-import/legacy-import.parse.ts';
import { importLegacyDossiers } from '../modules/legacy-import/legacy-import.service.ts';
import { SYSTEM_ACTOR } from '../shared/actor.ts';
import type { AppContext } from '../shared/app-context.ts';
import { startProgress } from '../shared/progress.ts';
import { generateDataset } from './generate-dataset.ts';

/** `motcua generate-dataset` and `motcua import-dossiers` (registered by cli.ts). */
type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>, options?: { migrate?: boolean }) => Promise<T>;

function count(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

/** Rows in a file, estimated from the first megabyte (for the progress bar). */
function estimateRecords(file: string, format: string): number {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, 1 << 20));
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const sample = buffer.subarray(0, n).toString('utf8');
    const separators = format === 'json' ? sample.split('},').length : sample.split('\n').length;
    return Math.max(1, Math.round((separators * size) / Math.max(1, n)) - (format === 'csv' ? 1 : 0));
  } finally {
    fs.closeSync(fd);
  }
}

export function registerBulkCommands(program: Command, withContext: WithContext): void {
  program
    .command('backfill-timelines')
    .description(
      'fill the public timeline of dossiers written before it existed (ADR 0017), in short batches, online',
    )
    .option('--batch-size <n>', 'dossiers per transaction (default 2000)', count)
    .action(async (opts: { batchSize?: number }) => {
      await withContext(async (ctx) => {
        const progress = startProgress('Dòng thời gian / timelines', 1, 'hồ sơ');
        try {
          const report = await backfillTimelines(ctx, {
            batchSize: opts.batchSize,
            onProgress: (done, total) => progress.update(done, total),
          });
          progress.stop();
          console.log(JSON.stringify(report));
          if (report.remaining > 0) {
            console.error(
              `${report.remaining} dossiers were being changed and are not filled yet: run backfill-timelines again.`,
            );
            process.exitCode = 1;
          }
        } catch (error) {
          progress.stop();
          throw error;
        }
      });
    });

  program
    .command('generate-dataset')
    .description(
      'load the demo province and N generated dossiers (realistic history, COPY) into an empty database, for benchmarks',
    )
    .requiredOption('--dossiers <n>', 'number of dossiers, e.g. 5000000', count)
    .option('--templates <n>', 'simulated template dossiers (default min(N, 50000))', count)
    .option('--batch-size <n>', 'dossiers per batch (default 500)', count)
    .option(
      '--full',
      'also write control-slip steps and components of settled dossiers and per-action audit entries',
    )
    .action(async (opts: { dossiers: number; templates?: number; batchSize?: number; full?: boolean }) => {
      await withContext(
        async (ctx) => {
          const progress = startProgress('Sinh dữ liệu / generating', opts.dossiers, 'hồ sơ');
          try {
            const report = await generateDataset(ctx, {
              dossiers: opts.dossiers,
              templates: opts.templates,
              batchSize: opts.batchSize,
              detail: opts.full ? 'full' : 'core',
              log: (m) => process.stderr.write(`${m}\n`),
              onProgress: (done, total) => progress.update(done, total),
            });
            progress.stop();
            console.log(JSON.stringify(report, null, 2));
          } catch (error) {
            progress.stop();
            throw error;
          }
        },
        { migrate: true },
      );
    });

  program
    .command('import-dossiers <file>')
    .description(
      'import dossiers of a previous system from CSV, JSON or JSON Lines (motcua.legacy-dossiers/v1); rejected rows are reported, each batch is all or nothing',
    )
    .option('--format <format>', 'csv | json | jsonl (default: from the file name)')
    .option('--batch-size <n>', 'valid rows per transaction (default 10000)', count)
    .option('--rejects <file>', 'write rejected rows here as CSV (default <file>.rejects.csv)')
    .action(async (file: string, opts: { format?: string; batchSize?: number; rejects?: string }) => {
      const format = formatOf(file, opts.format);
      if (!fs.existsSync(file)) throw new Error(`${file} not found`);
      const rejectsFile = opts.rejects ?? `${file}.rejects.csv`;
      const rejects = fs.createWriteStream(rejectsFile);
      rejects.write('line,code,reason,message\n');
      const quote = (v: string | number | null): string =>
        v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
      const estimated = estimateRecords(file, format);
      await withContext(async (ctx) => {
        const progress = startProgress('Nhập hồ sơ / importing', estimated, 'dòng / rows');
        const source = readLegacyFile(file, format);
        try {
          const report = await importLegacyDossiers(ctx, SYSTEM_ACTOR, source, {
            batchSize: opts.batchSize,
            sourceName: file.split('/').pop() ?? file,
            onReject: (r) => rejects.write(`${[r.line, r.code, r.reason, r.message].map(quote).join(',')}\n`),
            onProgress: (read) => progress.update(read, Math.max(read, estimated)),
            // No rebuild: each batch writes its report facts and rollup rows (legacy-import.statistics.ts).
          });
          progress.stop();
          await new Promise<void>((resolve) => rejects.end(resolve));
          console.log(
            JSON.stringify({ ...report, rejectsFile: report.rejected > 0 ? rejectsFile : null }, null, 2),
          );
        } catch (error) {
          progress.stop();
          rejects.end();
          throw error;
        }
      });
    });
}
