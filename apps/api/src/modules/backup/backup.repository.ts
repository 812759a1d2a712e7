import { sql } from 'kysely';
import {
  openDatabase,
  type DatabaseHandle,
  type DatabaseTarget,
  type DbExecutor,
} from '../../db/database.ts';
import { migrateToLatest, readMigrationFiles } from '../../db/migrator.ts';

/** What a backup promises about its database: compared again after a restore. */
export interface DatabaseFacts {
  migrations: string[];
  counts: { dossiers: number; historyRows: number; auditEntries: number; files: number };
  auditHead: { seq: number; chainHash: string };
}

export async function readDatabaseFacts(db: DbExecutor): Promise<DatabaseFacts> {
  const migrations = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(db);
  const counts = await sql<{ dossiers: number; history: number; audit: number; files: number }>`
    SELECT (SELECT count(*) FROM dossier)::int AS dossiers,
           (SELECT count(*) FROM dossier_transition)::int AS history,
           (SELECT count(*) FROM audit_log)::int AS audit,
           (SELECT count(*) FROM file_object)::int AS files`.execute(db);
  const head = await sql<{ seq: number; chainHash: string }>`
    SELECT seq::int AS seq, chain_hash AS "chainHash" FROM audit_chain_head WHERE id`.execute(db);
  const c = counts.rows[0];
  if (!c) throw new Error('count query returned nothing');
  return {
    migrations: migrations.rows.map((r) => r.name),
    counts: { dossiers: c.dossiers, historyRows: c.history, auditEntries: c.audit, files: c.files },
    auditHead: head.rows[0] ?? { seq: 0, chainHash: '0'.repeat(64) },
  };
}

/** Storage keys and SHA-256 of the stored files (as recorded at upload). */
export async function listFileKeys(db: DbExecutor): Promise<{ storageKey: string; sha256: string }[]> {
  const rows = await sql<{ storageKey: string; sha256: string }>`
    SELECT storage_key AS "storageKey", sha256 FROM file_object ORDER BY storage_key`.execute(db);
  return rows.rows;
}

/** Runs `fn` inside a repeatable-read transaction and hands it the exported snapshot id. */
export async function withExportedSnapshot<T>(
  db: DbExecutor,
  fn: (snapshot: string, trx: DbExecutor) => Promise<T>,
): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const r = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(trx);
      const id = r.rows[0]?.id;
      if (!id) throw new Error('pg_export_snapshot returned nothing');
      return fn(id, trx);
    });
}

/** Number of user tables in the database (0: empty, a restore target). */
export async function countUserTables(db: DbExecutor): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_catalog.pg_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** The database a backup reads or a restore writes, opened on its own (not the server's pool). */
export type BackupDatabase = DatabaseHandle;

export function openBackupDatabase(target: DatabaseTarget): Promise<BackupDatabase> {
  return openDatabase(target);
}

/** Brings a restored database (maybe from an older version) up to this version's migrations. */
export async function migrateRestored(handle: BackupDatabase): Promise<string[]> {
  return (await migrateToLatest(handle)).applied;
}

export function knownMigrationNames(): Set<string> {
  return new Set(readMigrationFiles().map((f) => f.name));
}
