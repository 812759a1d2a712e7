import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

/**
 * Plain-SQL migrations in apps/api/migrations, named `<UTC timestamp>_<verb-first-name>.sql` by
 * `motcua migration:new`. They are frozen: an applied file whose checksum changed stops the run.
 * Each file runs in its own transaction, under an advisory lock on the server.
 */
const MIGRATION_FILE_RE = /^(\d{14})_([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

export function resolveMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/db/ (tsx, tests) and dist/ (bundled) both sit below apps/api.
  const candidates = [path.resolve(here, '../../migrations'), path.resolve(here, '../migrations')];
  const found = candidates.find((dir) => fs.existsSync(dir) && fs.statSync(dir).isDirectory());
  if (!found) throw new Error(`Migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface MigrationFile {
  name: string;
  checksum: string;
  sql: string;
}

export function readMigrationFiles(dir = resolveMigrationsDir()): MigrationFile[] {
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.sql'));
  const bad = names.filter((n) => !MIGRATION_FILE_RE.test(n));
  if (bad.length > 0) throw new Error(`Badly named migration files: ${bad.join(', ')}`);
  return names.sort().map((name) => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    return { name, sql: text, checksum: crypto.createHash('sha256').update(text).digest('hex') };
  });
}

/** Fingerprint of all migrations, used to name test template databases. */
export function migrationsFingerprint(files = readMigrationFiles()): string {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(`${f.name}:${f.checksum}\n`);
  return h.digest('hex').slice(0, 12);
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export async function migrateToLatest(
  handle: DatabaseHandle,
  files = readMigrationFiles(),
): Promise<MigrationReport> {
  const { db } = handle;
  return handle.withMigrationLock(async () => {
    await sql`
      CREATE TABLE IF NOT EXISTS schema_migration (
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT schema_migration_pk PRIMARY KEY (name)
      )`.execute(db);
    await sql`COMMENT ON TABLE schema_migration IS 'Applied SQL migrations (frozen files; checksum checked at every run).'`.execute(
      db,
    );
    await sql`COMMENT ON COLUMN schema_migration.name IS 'Migration file name.'`.execute(db);
    await sql`COMMENT ON COLUMN schema_migration.checksum IS 'SHA-256 of the file when applied.'`.execute(db);
    await sql`COMMENT ON COLUMN schema_migration.applied_at IS 'When it was applied.'`.execute(db);

    const rows = await sql<{
      name: string;
      checksum: string;
    }>`SELECT name, checksum FROM schema_migration`.execute(db);
    const applied = new Map(rows.rows.map((r) => [r.name, r.checksum]));
    const known = new Set(files.map((f) => f.name));
    const unknown = [...applied.keys()].filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new Error(`The database has migrations this version does not know: ${unknown.join(', ')}`);
    }
    const report: MigrationReport = { applied: [], alreadyApplied: 0 };
    for (const file of files) {
      const previous = applied.get(file.name);
      if (previous !== undefined) {
        if (previous !== file.checksum) {
          throw new Error(`Migration ${file.name} was changed after it was applied; migrations are frozen`);
        }
        report.alreadyApplied++;
        continue;
      }
      await handle.runScript(file.sql, {
        sql: 'INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)',
        params: [file.name, file.checksum],
      });
      report.applied.push(file.name);
    }
    return report;
  });
}

/** Creates an empty, correctly named migration file and returns its path. */
export function createMigrationFile(
  verbFirstName: string,
  now = new Date(),
  dir = resolveMigrationsDir(),
): string {
  const slug = verbFirstName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^(create|add|drop|alter|rename|remove|change|backfill|index|seed)-/.test(slug)) {
    throw new Error(
      'Migration names start with a verb: create-, add-, drop-, alter-, rename-, remove-, change-, backfill-, index-',
    );
  }
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const file = path.join(dir, `${stamp}_${slug}.sql`);
  fs.writeFileSync(file, `-- ${slug}\n\n`, { flag: 'wx' });
  return file;
}
