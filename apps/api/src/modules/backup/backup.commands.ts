import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import type { Logger } from '../../shared/app-context.ts';
import { createBackup, restoreBackup } from './backup.service.ts';

/** `motcua backup create|restore` (docs/backup.md). Exit codes: 0 done and verified, 1 anything else. */
export function registerBackupCommands(program: Command, config: () => Config, logger: Logger): void {
  const backup = program
    .command('backup')
    .description('back up and restore the database (PostgreSQL or embedded) and the local file store');
  backup
    .command('create')
    .description('write a backup folder: database dump, files, manifest.json with counts and checksums')
    .requiredOption('--out <dir>', 'new or empty folder for the backup')
    .action(async (opts: { out: string }) => {
      const manifest = await createBackup(config(), opts.out, { log: (m) => logger.info(m) });
      logger.info(
        `backup written to ${opts.out}: ${manifest.mode}, migration level ${manifest.migrationLevel.latest ?? '-'}, ` +
          `${manifest.counts.dossiers} dossiers, ${manifest.counts.historyRows} history rows, ` +
          `${manifest.counts.auditEntries} audit entries, ${manifest.files.length} files, ` +
          `audit chain head ${manifest.auditChainHead.chainHash}`,
      );
    });
  backup
    .command('restore')
    .description(
      'restore a backup folder into an empty installation, then verify counts, audit chain and files',
    )
    .requiredOption('--from <dir>', 'backup folder written by `motcua backup create`')
    .option('--force', 'replace a database or file store that is not empty')
    .action(async (opts: { from: string; force?: boolean }) => {
      const summary = await restoreBackup(config(), opts.from, {
        force: Boolean(opts.force),
        log: (m) => logger.info(m),
      });
      const c = summary.restored;
      logger.info(
        `restored: ${c.dossiers} dossiers, ${c.historyRows} history rows, ${c.auditEntries} audit entries, ` +
          `${c.files} file rows, ${summary.filesChecked} files checked`,
      );
      logger.info(
        `audit chain: ${summary.audit.isIntact ? 'intact' : 'NOT intact'} (${summary.audit.entries} entries, head ${summary.audit.headHash})`,
      );
      if (summary.migrationsApplied.length > 0) {
        logger.info(`migrations applied after restore: ${summary.migrationsApplied.join(', ')}`);
      }
      for (const p of summary.problems) logger.error(`MISMATCH ${p}`);
      logger.info(
        summary.isOk ? 'restore verified' : `restore NOT verified: ${summary.problems.length} mismatch(es)`,
      );
      process.exitCode = summary.isOk ? 0 : 1;
    });
}
