import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import {
  countUserTables,
  knownMigrationNames,
  migrateRestored,
  openBackupDatabase as openDatabase,
  readDatabaseFacts,
  type BackupDatabase as DatabaseHandle,
  withExportedSnapshot,
  type DatabaseFacts,
} from './backup.repository.ts';

/**
 * Backup and restore (issue 7, docs/backup.md). A backup is a folder:
 *   manifest.json      mode, versions, counts, audit chain head, SHA-256 of every file below
 *   database.dump      PostgreSQL: `pg_dump -Fc` (restored with pg_restore)
 *   pglite.tar.gz      embedded mode: PGlite's own `dumpDataDir` (a consistent copy of its data dir)
 *   files/…            the local file store, file by file
 * Restore checks everything it can before it changes anything, then verifies the result.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const gunzip = promisify(zlib.gunzip);

export const MANIFEST_FORMAT = 'motcua-backup/1';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const BackupFileEntry = z.object({
  path: z
    .string()
    .regex(/^[a-zA-Z0-9_.\-/]+$/)
    .refine((p) => !p.includes('..') && !p.startsWith('/')),
  sizeBytes: z.number().int().min(0),
  sha256: Sha256,
});

export const BackupManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  mode: z.enum(['postgres', 'pglite']),
  createdAt: z.string().datetime({ offset: true }),
  appVersion: z.string(),
  migrationLevel: z.object({
    latest: z.string().nullable(),
    count: z.number().int().min(0),
    names: z.array(z.string()),
  }),
  counts: z.object({
    dossiers: z.number().int().min(0),
    historyRows: z.number().int().min(0),
    auditEntries: z.number().int().min(0),
    files: z.number().int().min(0),
  }),
  auditChainHead: z.object({ seq: z.number().int().min(0), chainHash: Sha256 }),
  database: BackupFileEntry,
  /** false: FILE_STORE=s3, the bucket is backed up on its own (docs/backup.md). */
  isFileStoreIncluded: z.boolean(),
  files: z.array(BackupFileEntry),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export interface BackupLog {
  (message: string): void;
}

function appVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown };
      if (typeof pkg.version === 'string') return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

async function sha256OfFile(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = crypto.createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of fs.createReadStream(file, {
    highWaterMark: 1024 * 1024,
  }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** Every regular file under `root` (relative paths, sorted), skipping unfinished `.tmp` writes. */
function listTree(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

function pgliteDir(config: Config): string {
  return path.join(config.dataDir, 'pglite');
}

function filesDir(config: Config): string {
  return path.join(config.dataDir, 'files');
}

/** PGlite keeps postmaster.pid in its data dir while open (removed by a clean close). */
export function assertPgliteNotInUse(dir: string): void {
  if (fs.existsSync(path.join(dir, 'postmaster.pid'))) {
    throw new BackupError(
      `The embedded database in ${dir} is in use (postmaster.pid is present). Stop \`motcua serve\` (and any ` +
        '`motcua worker`) first: the embedded database can only be backed up or restored while the server is not running. ' +
        'If no server runs, it was not shut down cleanly: start and stop it once, then retry.',
    );
  }
}

function run(command: string, args: string[], log: BackupLog): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => log(c.toString('utf8').trimEnd()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${command} was not found: install the PostgreSQL client tools (version 15 or newer, e.g. apt-get install postgresql-client-15) or put them on PATH`
            : `${command} could not start: ${error.message}`,
        ),
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** Connection string without the password, for messages. */
function masked(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** `motcua backup create --out <dir>`. */
export async function createBackup(
  config: Config,
  outDir: string,
  options: { log?: BackupLog; now?: Date } = {},
): Promise<BackupManifest> {
  const log = options.log ?? (() => undefined);
  const out = path.resolve(outDir);
  if (!isEmptyDir(out)) throw new BackupError(`${out} is not empty: give a new or empty folder`);
  let handle: DatabaseHandle | undefined;
  let facts: DatabaseFacts;
  let databaseFile: string;
  fs.mkdirSync(out, { recursive: true });
  try {
    if (config.databaseMode === 'postgres' && config.DATABASE_URL) {
      const url = config.DATABASE_URL;
      databaseFile = 'database.dump';
      handle = await openDatabase({ mode: 'postgres', url, poolSize: 2, applicationName: 'motcua-backup' });
      // The counts and the dump see the same snapshot, even while the server keeps running.
      facts = await withExportedSnapshot(handle.db, async (snapshot, trx) => {
        const f = await readDatabaseFacts(trx);
        log(`pg_dump of ${masked(url)} (snapshot ${snapshot})`);
        await run(
          'pg_dump',
          ['-Fc', '--no-owner', `--snapshot=${snapshot}`, '-f', path.join(out, databaseFile), '-d', url],
          log,
        );
        return f;
      });
    } else {
      const dir = pgliteDir(config);
      if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
        throw new BackupError(`No embedded database in ${dir} (MOTCUA_DATA_DIR=${config.dataDir})`);
      }
      assertPgliteNotInUse(dir);
      handle = await openDatabase({ mode: 'pglite', dataDir: dir });
      facts = await readDatabaseFacts(handle.db);
      databaseFile = 'pglite.tar.gz';
      log(`PGlite dumpDataDir of ${dir}`);
      const pglite = handle.pglite;
      if (!pglite) throw new Error('expected PGlite');
      const blob = await pglite.dumpDataDir('gzip');
      fs.writeFileSync(path.join(out, databaseFile), Buffer.from(await blob.arrayBuffer()));
    }
  } catch (error) {
    fs.rmSync(out, { recursive: true, force: true });
    throw error;
  } finally {
    await handle?.close();
  }

  const isFileStoreIncluded = config.FILE_STORE === 'local';
  const files: BackupManifest['files'] = [];
  if (isFileStoreIncluded) {
    const root = filesDir(config);
    for (const rel of listTree(root)) {
      const target = path.join(out, 'files', rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(root, rel), target);
      files.push({ path: `files/${rel}`, ...(await sha256OfFile(target)) });
    }
    log(`files: ${files.length} copied from ${root}`);
  } else {
    log('files: FILE_STORE=s3, the bucket is not part of this backup (back it up with its own tools)');
  }

  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    mode: config.databaseMode,
    createdAt: (options.now ?? new Date()).toISOString(),
    appVersion: appVersion(),
    migrationLevel: {
      latest: facts.migrations.at(-1) ?? null,
      count: facts.migrations.length,
      names: facts.migrations,
    },
    counts: facts.counts,
    auditChainHead: facts.auditHead,
    database: { path: databaseFile, ...(await sha256OfFile(path.join(out, databaseFile))) },
    isFileStoreIncluded,
    files,
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads and checks a backup folder without touching the installation. */
export async function checkBackup(fromDir: string): Promise<BackupManifest> {
  const from = path.resolve(fromDir);
  if (!fs.existsSync(from) || !fs.statSync(from).isDirectory())
    throw new BackupError(`${from}: no such backup folder`);
  const manifestFile = path.join(from, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new BackupError(`${manifestFile} is missing: not a Motcua backup`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new BackupError(`${manifestFile} is corrupt (not JSON): ${(error as Error).message}`);
  }
  const parsed = BackupManifest.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new BackupError(`${manifestFile} is corrupt: ${issues}`);
  }
  const manifest = parsed.data;
  const known = knownMigrationNames();
  const newer = manifest.migrationLevel.names.filter((n) => !known.has(n));
  if (newer.length > 0) {
    throw new BackupError(
      `The backup comes from a newer version (migration level ${manifest.migrationLevel.latest ?? '-'}; unknown here: ${newer.join(', ')}). Restore it with that version or newer.`,
    );
  }
  const bad: string[] = [];
  for (const entry of [manifest.database, ...manifest.files]) {
    const file = path.join(from, entry.path);
    if (!fs.existsSync(file)) {
      bad.push(`${entry.path}: missing`);
      continue;
    }
    const actual = await sha256OfFile(file);
    if (actual.sha256 !== entry.sha256 || actual.sizeBytes !== entry.sizeBytes) {
      bad.push(`${entry.path}: checksum mismatch (expected ${entry.sha256}, found ${actual.sha256})`);
    }
  }
  if (bad.length > 0) {
    throw new BackupError(
      `The backup is damaged or was altered; nothing was restored:\n  ${bad.join('\n  ')}`,
    );
  }
  return manifest;
}

export interface RestoreSummary {
  isOk: boolean;
  manifest: BackupManifest;
  restored: DatabaseFacts['counts'];
  migrationsApplied: string[];
  audit: { isIntact: boolean; entries: number; problemCount: number; headHash: string };
  filesChecked: number;
  problems: string[];
}

/** `motcua backup restore --from <dir> [--force]`. */
export async function restoreBackup(
  config: Config,
  fromDir: string,
  options: { force?: boolean; log?: BackupLog } = {},
): Promise<RestoreSummary> {
  const log = options.log ?? (() => undefined);
  const from = path.resolve(fromDir);
  const manifest = await checkBackup(from);
  if (manifest.mode !== config.databaseMode) {
    throw new BackupError(
      `This is a ${manifest.mode} backup but the installation is configured for ${config.databaseMode} (${
        config.databaseMode === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is unset'
      }); nothing was restored`,
    );
  }
  const force = options.force === true;
  const fileRoot = filesDir(config);
  if (manifest.isFileStoreIncluded && config.FILE_STORE !== 'local') {
    throw new BackupError('The backup holds local files but FILE_STORE is not local; nothing was restored');
  }
  if (manifest.isFileStoreIncluded && !force && !isEmptyDir(fileRoot)) {
    throw new BackupError(
      `${fileRoot} is not empty: restore into an empty installation, or add --force to replace it`,
    );
  }

  // 1. The database.
  if (config.databaseMode === 'postgres' && config.DATABASE_URL) {
    const url = config.DATABASE_URL;
    const probe = await openDatabase({
      mode: 'postgres',
      url,
      poolSize: 1,
      applicationName: 'motcua-restore',
    });
    let tables: number;
    try {
      tables = await countUserTables(probe.db);
    } finally {
      await probe.close();
    }
    if (tables > 0 && !force) {
      throw new BackupError(
        `The database ${masked(url)} is not empty (${tables} tables): restore into an empty database, or add --force to drop and replace its contents`,
      );
    }
    log(`pg_restore into ${masked(url)}${tables > 0 ? ' (--clean: existing objects dropped first)' : ''}`);
    await run(
      'pg_restore',
      [
        '--no-owner',
        '--exit-on-error',
        '--single-transaction',
        ...(tables > 0 ? ['--clean', '--if-exists'] : []),
        '-d',
        url,
        path.join(from, manifest.database.path),
      ],
      log,
    );
  } else {
    const dir = pgliteDir(config);
    if (fs.existsSync(dir)) {
      assertPgliteNotInUse(dir);
      if (!isEmptyDir(dir)) {
        if (!force) {
          throw new BackupError(
            `${dir} already holds an embedded database: restore into an empty data dir, or add --force to replace it`,
          );
        }
        const aside = `${dir}.replaced-${Date.now()}`;
        fs.renameSync(dir, aside);
        log(`the previous embedded database was moved to ${aside}`);
      }
    }
    // Decompressed here: PGlite's own gunzip of loadDataDir leaves a handle open (the process never exits).
    const tarball = await gunzip(fs.readFileSync(path.join(from, manifest.database.path)));
    const blob = new Blob([new Uint8Array(tarball)]);
    const handle = await openDatabase({ mode: 'pglite', dataDir: dir, loadDataDir: blob });
    await handle.close();
    log(`embedded database restored into ${dir}`);
  }

  // 2. The files.
  if (manifest.isFileStoreIncluded) {
    if (force) fs.rmSync(fileRoot, { recursive: true, force: true });
    for (const entry of manifest.files) {
      const target = path.join(fileRoot, entry.path.replace(/^files\//, ''));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(from, entry.path), target);
    }
    log(`files: ${manifest.files.length} restored into ${fileRoot}`);
  }

  // 3. Verify what was restored.
  const handle =
    config.databaseMode === 'postgres' && config.DATABASE_URL
      ? await openDatabase({
          mode: 'postgres',
          url: config.DATABASE_URL,
          poolSize: 2,
          applicationName: 'motcua-restore',
        })
      : await openDatabase({ mode: 'pglite', dataDir: pgliteDir(config) });
  try {
    const problems: string[] = [];
    const facts = await readDatabaseFacts(handle.db);
    for (const key of ['dossiers', 'historyRows', 'auditEntries', 'files'] as const) {
      if (facts.counts[key] !== manifest.counts[key]) {
        problems.push(`${key}: ${facts.counts[key]} restored, ${manifest.counts[key]} in the backup`);
      }
    }
    if (
      facts.auditHead.chainHash !== manifest.auditChainHead.chainHash ||
      facts.auditHead.seq !== manifest.auditChainHead.seq
    ) {
      problems.push(
        `audit chain head: seq ${facts.auditHead.seq} ${facts.auditHead.chainHash} restored, seq ${manifest.auditChainHead.seq} ${manifest.auditChainHead.chainHash} in the backup`,
      );
    }
    const report = await verifyAuditChain(handle.db, {
      lagSeconds: config.AUDIT_SEAL_LAG_SECONDS,
      isSealingFirst: false,
    });
    if (!report.isIntact) problems.push(`audit chain NOT intact: ${report.problemCount} problem(s)`);
    let filesChecked = 0;
    if (manifest.isFileStoreIncluded) {
      for (const entry of manifest.files) {
        const actual = await sha256OfFile(path.join(fileRoot, entry.path.replace(/^files\//, '')));
        if (actual.sha256 !== entry.sha256)
          problems.push(`${entry.path}: restored bytes differ from the backup`);
        filesChecked++;
      }
    }
    // A backup from an older version is brought up to this version's migration level.
    let migrationsApplied: string[] = [];
    try {
      migrationsApplied = await migrateRestored(handle);
    } catch (error) {
      problems.push(`migrations could not be brought up to this version: ${(error as Error).message}`);
    }
    return {
      isOk: problems.length === 0,
      manifest,
      restored: facts.counts,
      migrationsApplied,
      audit: {
        isIntact: report.isIntact,
        entries: report.entries,
        problemCount: report.problemCount,
        headHash: report.head.chainHash,
      },
      filesChecked,
      problems,
    };
  } finally {
    await handle.close();
  }
}
