import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, templateName, testDatabaseUrl, type TestDbMode } from '../../../test/test-databases.ts';
import { loadConfig, type Config } from '../../config.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { SYSTEM_ACTOR } from '../../shared/actor.ts';
import type { AppContext, Logger } from '../../shared/app-context.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { createLocalFileStore } from '../file/file-store.ts';
import { storeFileInTransaction } from '../file/file.service.ts';
import { openBackupDatabase, type BackupDatabase } from './backup.repository.ts';
import { createBackup, restoreBackup, type BackupManifest } from './backup.service.ts';

/**
 * Round trip of `motcua backup create` / `restore` in the configured mode: PostgreSQL (scratch
 * databases on the test server, dropped after) or PGlite (data dirs in a temp folder).
 */
// eslint-disable-next-line no-restricted-syntax -- the vitest project chooses the database, as in test-context.ts
const mode = (process.env['MOTCUA_TEST_DB'] ?? 'pglite') as TestDbMode;
const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-test-'));
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const scratch: string[] = [];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh installation: its own data dir, and in PostgreSQL mode its own (empty) database. */
async function installation(name: string, template?: string): Promise<Config> {
  const dataDir = path.join(tmp, name);
  fs.mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = { NODE_ENV: 'test', MOTCUA_DATA_DIR: dataDir, WORKER_ENABLED: 'false' };
  if (mode === 'postgres') {
    const db = `motcua_bk_${name}_${suffix}`;
    await admin((c) => c.query(`CREATE DATABASE ${db} TEMPLATE ${template ?? 'template0'}`));
    scratch.push(db);
    env['DATABASE_URL'] = testDatabaseUrl(db);
  }
  return loadConfig(env);
}

function open(config: Config): Promise<BackupDatabase> {
  return config.DATABASE_URL
    ? openBackupDatabase({ mode: 'postgres', url: config.DATABASE_URL, poolSize: 4 })
    : openBackupDatabase({ mode: 'pglite', dataDir: path.join(config.dataDir, 'pglite') });
}

let source: Config;
let backupDir: string;
let manifest: BackupManifest;
const stored: { storageKey: string; bytes: Buffer }[] = [];

async function snapshotOf(config: Config) {
  const handle = await open(config);
  try {
    const dossiers = await sql`SELECT * FROM dossier ORDER BY id`.execute(handle.db);
    const history = await sql`SELECT * FROM dossier_transition ORDER BY id`.execute(handle.db);
    const audit = await sql`SELECT * FROM audit_log ORDER BY id`.execute(handle.db);
    const verification = await verifyAuditChain(handle.db, { lagSeconds: 0, isSealingFirst: false });
    return { dossiers: dossiers.rows, history: history.rows, audit: audit.rows, verification };
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  source = await installation('src', mode === 'postgres' ? templateName() : undefined);
  const handle = await open(source);
  try {
    if (mode === 'pglite') {
      const { migrateRestored } = await import('./backup.repository.ts');
      await migrateRestored(handle);
    }
    const ctx: AppContext = {
      db: handle.db,
      config: source,
      clock: () => new Date('2026-03-02T09:00:00+07:00'),
      files: createLocalFileStore(path.join(source.dataDir, 'files')),
      logger: silent,
    };
    await seedDemo(ctx, { dossiers: 30 });
    for (let i = 0; i < 3; i++) {
      const bytes = Buffer.from(`%PDF-1.4\n% scan ${i} ${'x'.repeat(1000 * i)}\n%%EOF\n`, 'latin1');
      const view = await handle.db.transaction().execute((trx) =>
        storeFileInTransaction(ctx, trx, SYSTEM_ACTOR, {
          data: bytes,
          fileName: `ban-chup-${i}.pdf`,
          contentType: 'application/pdf',
          uploadedBy: { type: 'system', id: null },
          now: ctx.clock(),
        }),
      );
      stored.push({ storageKey: view.storageKey, bytes });
    }
    // Seal the chain so the backup carries a real head hash.
    await verifyAuditChain(handle.db, { lagSeconds: 0, isSealingFirst: true });
  } finally {
    await handle.close();
  }
  backupDir = path.join(tmp, 'backup');
  manifest = await createBackup(source, backupDir);
}, 240_000);

afterAll(async () => {
  if (mode === 'postgres') {
    for (const db of scratch) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

function copyBackup(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(backupDir, dir, { recursive: true });
  return dir;
}

async function isUntouched(config: Config): Promise<boolean> {
  const files = path.join(config.dataDir, 'files');
  const filesEmpty = !fs.existsSync(files) || fs.readdirSync(files).length === 0;
  if (mode === 'pglite')
    return filesEmpty && !fs.existsSync(path.join(config.dataDir, 'pglite', 'PG_VERSION'));
  const handle = await open(config);
  try {
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`.execute(handle.db);
    return filesEmpty && r.rows[0]?.n === 0;
  } finally {
    await handle.close();
  }
}

describe(`backup round trip (${mode})`, () => {
  it('writes a manifest with mode, migration level, counts, audit head and file checksums', () => {
    expect(manifest.mode).toBe(mode);
    expect(manifest.counts.dossiers).toBeGreaterThanOrEqual(30);
    expect(manifest.counts.historyRows).toBeGreaterThan(manifest.counts.dossiers);
    expect(manifest.counts.auditEntries).toBeGreaterThan(0);
    expect(manifest.counts.files).toBe(3);
    expect(manifest.auditChainHead.seq).toBe(manifest.counts.auditEntries);
    expect(manifest.auditChainHead.chainHash).not.toBe('0'.repeat(64));
    expect(manifest.migrationLevel.count).toBeGreaterThan(10);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      stored.map((s) => `files/${s.storageKey}`).sort(),
    );
    expect(manifest.database.path).toBe(mode === 'postgres' ? 'database.dump' : 'pglite.tar.gz');
    const onDisk = JSON.parse(
      fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'),
    ) as BackupManifest;
    expect(onDisk).toEqual(manifest);
  });

  it('restores into a fresh installation: same dossiers, history, audit (chain intact) and file bytes', async () => {
    const target = await installation('dst');
    const summary = await restoreBackup(target, backupDir);
    expect(summary.problems).toEqual([]);
    expect(summary.isOk).toBe(true);
    expect(summary.restored).toEqual(manifest.counts);
    expect(summary.audit).toMatchObject({ isIntact: true, headHash: manifest.auditChainHead.chainHash });
    expect(summary.filesChecked).toBe(3);

    const before = await snapshotOf(source);
    const after = await snapshotOf(target);
    expect(after.dossiers).toEqual(before.dossiers);
    expect(after.history).toEqual(before.history);
    expect(after.audit).toEqual(before.audit);
    expect(after.verification.isIntact).toBe(true);
    expect(after.verification.head).toEqual(before.verification.head);
    for (const s of stored) {
      expect(fs.readFileSync(path.join(target.dataDir, 'files', s.storageKey)).equals(s.bytes)).toBe(true);
    }

    // Not empty any more: refused without --force, replaced with it.
    await expect(restoreBackup(target, backupDir)).rejects.toThrow(/not empty|already holds/);
    const again = await restoreBackup(target, backupDir, { force: true });
    expect(again.isOk).toBe(true);
    expect((await snapshotOf(target)).history).toEqual(before.history);
  }, 240_000);

  it('detects a tampered file in the backup and restores nothing', async () => {
    const dir = copyBackup('tampered');
    const first = manifest.files[0];
    if (!first) throw new Error('no file in the backup');
    const file = path.join(dir, first.path);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 3] = 0x58;
    fs.writeFileSync(file, bytes);
    const target = await installation('tamper');
    await expect(restoreBackup(target, dir)).rejects.toThrow(
      /damaged or was altered[\s\S]*checksum mismatch/,
    );
    expect(await isUntouched(target)).toBe(true);
  });

  it('refuses a missing folder, a corrupt manifest, a damaged dump, a newer migration level and another mode', async () => {
    const target = await installation('bad');
    await expect(restoreBackup(target, path.join(tmp, 'nope'))).rejects.toThrow(/no such backup folder/);

    const corrupt = copyBackup('corrupt');
    fs.writeFileSync(path.join(corrupt, 'manifest.json'), '{"format": "motcua-backup/1", ');
    await expect(restoreBackup(target, corrupt)).rejects.toThrow(/corrupt \(not JSON\)/);
    fs.writeFileSync(
      path.join(corrupt, 'manifest.json'),
      JSON.stringify({ ...manifest, counts: { dossiers: -1 } }),
    );
    await expect(restoreBackup(target, corrupt)).rejects.toThrow(/corrupt: counts/);

    const dump = copyBackup('dump');
    fs.appendFileSync(path.join(dump, manifest.database.path), 'garbage');
    await expect(restoreBackup(target, dump)).rejects.toThrow(`${manifest.database.path}: checksum mismatch`);

    const newer = copyBackup('newer');
    const future = '29990101000000_add-future-table.sql';
    fs.writeFileSync(
      path.join(newer, 'manifest.json'),
      JSON.stringify({
        ...manifest,
        migrationLevel: {
          latest: future,
          count: manifest.migrationLevel.count + 1,
          names: [...manifest.migrationLevel.names, future],
        },
      }),
    );
    await expect(restoreBackup(target, newer)).rejects.toThrow(
      /newer version[\s\S]*29990101000000_add-future-table/,
    );

    const otherMode = copyBackup('other-mode');
    fs.writeFileSync(
      path.join(otherMode, 'manifest.json'),
      JSON.stringify({ ...manifest, mode: mode === 'postgres' ? 'pglite' : 'postgres' }),
    );
    await expect(restoreBackup(target, otherMode)).rejects.toThrow(
      /backup but the installation is configured for/,
    );

    expect(await isUntouched(target)).toBe(true);
    await expect(createBackup(source, backupDir)).rejects.toThrow(/is not empty/);
  });

  it.runIf(mode === 'pglite')(
    'refuses to back up an embedded database that is open (server running)',
    async () => {
      const handle = await open(source);
      try {
        await expect(createBackup(source, path.join(tmp, 'while-running'))).rejects.toThrow(
          /in use \(postmaster.pid is present\)\. Stop `motcua serve`/,
        );
        expect(fs.existsSync(path.join(tmp, 'while-running'))).toBe(false);
      } finally {
        await handle.close();
      }
    },
  );
});
