import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest, migrationsFingerprint, readMigrationFiles } from '../src/db/migrator.ts';

/**
 * Throw-away databases for integration tests (conventions §13, without docker):
 * - PostgreSQL server: a template database migrated once per migration set, then
 *   `CREATE DATABASE … TEMPLATE` per test file;
 * - PGlite: a data directory migrated once and dumped to a tarball, then loaded per test file.
 */
export type TestDbMode = 'postgres' | 'pglite';

export function adminUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function templateName(): string {
  return `motcua_tpl_${migrationsFingerprint(readMigrationFiles())}`;
}

export function pgliteDumpPath(): string {
  return path.join(os.tmpdir(), `motcua-pglite-${migrationsFingerprint(readMigrationFiles())}.tar`);
}

/** Prepares the template (idempotent, safe against concurrent runs). */
export async function preparePostgresTemplate(): Promise<string> {
  const name = templateName();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(727161002)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_build`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const handle = await openDatabase({
        mode: 'postgres',
        url: withDatabase(adminUrl(), building),
        poolSize: 2,
      });
      try {
        await migrateToLatest(handle);
      } finally {
        await handle.close();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await admin.query(
        `COMMENT ON DATABASE ${name} IS 'motcua test template built ${new Date().toISOString()}'`,
      );
    }
    // Old templates from earlier migration sets are removed once they are a day old, so that a
    // run on another migration set (a second checkout, a parallel branch) keeps its template.
    const others = await admin.query<{ datname: string; comment: string | null }>(
      `SELECT d.datname, shobj_description(d.oid, 'pg_database') AS comment FROM pg_database d
        WHERE d.datname LIKE 'motcua\\_tpl\\_%' AND d.datname <> $1 AND d.datname NOT LIKE '%\\_build'`,
      [name],
    );
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    const stale = others.rows.filter((row) => {
      const built = Date.parse(/built (\S+)$/.exec(row.comment ?? '')?.[1] ?? '');
      return !Number.isFinite(built) || built < dayAgo;
    });
    for (const row of stale)
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
    await admin.query('SELECT pg_advisory_unlock(727161002)');
  } finally {
    await admin.end();
  }
  return name;
}

export async function preparePgliteDump(): Promise<string> {
  const file = pgliteDumpPath();
  if (fs.existsSync(file)) return file;
  const handle = await openDatabase({ mode: 'pglite' });
  try {
    await migrateToLatest(handle);
    const pglite = handle.pglite;
    if (!pglite) throw new Error('expected PGlite');
    const blob = await pglite.dumpDataDir('none');
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
  } finally {
    await handle.close();
  }
  return file;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(mode: TestDbMode): Promise<TestDatabase> {
  if (mode === 'postgres') {
    const template = templateName();
    const name = `motcua_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.end();
    }
    const handle = await openDatabase({
      mode: 'postgres',
      url: withDatabase(adminUrl(), name),
      poolSize: 10,
    });
    return {
      handle,
      name,
      async drop() {
        await handle.close();
        const a = new pg.Client({ connectionString: adminUrl() });
        await a.connect();
        try {
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  const buffer = fs.readFileSync(pgliteDumpPath());
  const handle = await openDatabase({ mode: 'pglite', loadDataDir: new Blob([buffer]) });
  return {
    handle,
    name: 'pglite',
    async drop() {
      await handle.close();
    },
  };
}

/** URL of a test database on the server (for tests that need a second connection pool). */
export function testDatabaseUrl(name: string): string {
  return withDatabase(adminUrl(), name);
}
