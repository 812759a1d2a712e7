import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { registerBulkAccess } from './bulk-copy.ts';
import { COUNTER_LOCK_TIMEOUT_MS, registerCounterPool } from './counters.ts';
import type { DB } from './database-types.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { preparingClient } from './prepared-statements.ts';

/**
 * The database handle: PostgreSQL server through `pg`, or embedded PGlite. Both run the same
 * migrations and the same queries. Type parsing is aligned: int8 → number, date → 'YYYY-MM-DD'
 * string, timestamptz → Date, json/jsonb → parsed values.
 */
export type Database = Kysely<DB>;
export type DbTransaction = Transaction<DB>;
/** A database handle or an open transaction: what repositories take. */
export type DbExecutor = Database | DbTransaction;

export type DatabaseTarget =
  | {
      mode: 'postgres';
      url: string;
      poolSize?: number;
      applicationName?: string;
      /** Runs of a statement text after which it is prepared (0: only statement templates). */
      prepareThreshold?: number;
    }
  | { mode: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export interface DatabaseHandle {
  readonly db: Database;
  readonly mode: 'postgres' | 'pglite';
  /** Runs a multi-statement SQL script inside one transaction (migrations). */
  runScript(script: string, after?: { sql: string; params: unknown[] }): Promise<void>;
  /** Runs `fn` while holding the migration lock (advisory lock on the server; PGlite is single-user). */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  /** The PGlite instance in embedded mode (for dumps and backups). */
  readonly pglite: PGlite | undefined;
  close(): Promise<void>;
}

const INT8_OID = 20;
const DATE_OID = 1082;

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8_OID) return (value: string) => Number(value);
      if (oid === DATE_OID) return (value: string) => value;
      return format === 'binary'
        ? pg.types.getTypeParser(oid, 'binary')
        : pg.types.getTypeParser(oid, 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

function kyselyFor(dialect: ConstructorParameters<typeof Kysely<DB>>[0]['dialect']): Database {
  return new Kysely<DB>({
    dialect,
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

/** pgJDBC's default `prepareThreshold` (prepared-statements.ts). */
export const DEFAULT_PREPARE_THRESHOLD = 5;

const MIGRATION_LOCK_KEY = 727_161_001;

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.mode === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 20,
      types: pgTypes(),
      application_name: target.applicationName ?? 'motcua',
      // Statement templates and frequent statements become named prepared statements.
      Client: preparingClient(target.prepareThreshold ?? DEFAULT_PREPARE_THRESHOLD),
    });
    pool.on('error', () => {
      // An idle client lost its connection (server restart); the pool replaces it on next use.
    });
    pool.on('connect', (client) => {
      // A checked-out client whose connection drops between two queries (PostgreSQL restarted or
      // crashed) emits 'error' outside any query: without a listener that kills the process. The
      // query in flight fails on its own and the client is discarded when released.
      client.on('error', () => undefined);
    });
    const db = kyselyFor(new PostgresDialect({ pool }));
    registerBulkAccess(db, { mode: 'postgres', pool });
    // Counters bumped outside the caller's transaction (counters.ts): a few connections.
    const counterPool = new pg.Pool({
      connectionString: target.url,
      max: 4,
      types: pgTypes(),
      application_name: `${target.applicationName ?? 'motcua'}-counter`,
      // The statement sets its own lock_timeout (dossier.repository.ts: a startup parameter would
      // be refused by a connection pooler); waiting for a connection is bounded the same way.
      connectionTimeoutMillis: COUNTER_LOCK_TIMEOUT_MS,
    });
    counterPool.on('error', () => undefined);
    counterPool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    registerCounterPool(db, counterPool);
    return {
      db,
      mode: 'postgres',
      pglite: undefined,
      async runScript(script, after) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(script);
          if (after) await client.query(after.sql, after.params);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      async withMigrationLock(fn) {
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
          try {
            return await fn();
          } finally {
            await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
          }
        } finally {
          client.release();
        }
      },
      async close() {
        await db.destroy();
        await counterPool.end();
      },
    };
  }

  if (target.dataDir) fs.mkdirSync(path.resolve(target.dataDir), { recursive: true });
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: path.resolve(target.dataDir) } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    parsers: {
      [pgliteTypes.INT8]: (value: string) => Number(value),
      [DATE_OID]: (value: string) => value,
    },
  });
  const db = kyselyFor(new PGliteDialect(pglite));
  registerBulkAccess(db, { mode: 'pglite', pglite });
  return {
    db,
    mode: 'pglite',
    pglite,
    async runScript(script, after) {
      await pglite.transaction(async (tx) => {
        await tx.exec(script);
        if (after) await tx.query(after.sql, after.params);
      });
    },
    async withMigrationLock(fn) {
      return fn();
    },
    async close() {
      await db.destroy();
    },
  };
}
