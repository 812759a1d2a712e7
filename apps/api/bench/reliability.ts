/**
 * `npm run bench:reliability`: the crash test of issue 7 (docs/security.md).
 *
 * On a private PostgreSQL cluster (initdb in .tmp, its own port, fsync on: nothing here touches the
 * shared server), the built server takes counter intake from RELIABILITY_CLIENTS concurrent
 * officers' loops while it is killed with SIGKILL, while PostgreSQL is stopped in immediate mode
 * (a crash: no checkpoint, recovery from the WAL at restart) and while the webhook receiver is
 * down. Then it verifies that every dossier whose 201 reached a client exists with its history row,
 * audit entry and outbox message, that no dossier code or sequence number is used twice, that the
 * audit hash chain verifies, and that every acknowledged dossier's `dossier.created` event reached
 * the webhook receiver after the restarts (at least once; duplicates are counted, receivers
 * de-duplicate on the CloudEvents id).
 *
 * Environment: RELIABILITY_CLIENTS (default 16), RELIABILITY_PHASE_SECONDS (load before and after
 * each crash, default 6), RELIABILITY_PG_BIN (default /usr/lib/postgresql/15/bin),
 * RELIABILITY_PG_PORT (default 55439), RELIABILITY_APP_PORT (default 3961).
 * Exits 1 when any check fails.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { API_DIR, CLI, runCli, stopProcess, waitForHttp } from './lib.ts';

const CLIENTS = Number(process.env['RELIABILITY_CLIENTS'] ?? 16);
const PHASE_SECONDS = Number(process.env['RELIABILITY_PHASE_SECONDS'] ?? 6);
const PG_BIN = process.env['RELIABILITY_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
const PG_PORT = Number(process.env['RELIABILITY_PG_PORT'] ?? 55439);
const APP_PORT = Number(process.env['RELIABILITY_APP_PORT'] ?? 3961);
const PASSWORD = 'motcua-demo-2026';
const WORK_DIR = path.resolve(API_DIR, '../../.tmp/reliability');
const PG_DATA = path.join(WORK_DIR, 'pgdata');
const DB_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/motcua`;
const BASE = `http://127.0.0.1:${APP_PORT}`;
const started = Date.now();

const log = (m: string): void => {
  process.stderr.write(`[reliability ${((Date.now() - started) / 1000).toFixed(0)} s] ${m}\n`);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/* ------------------------------------------------------------------ PostgreSQL cluster */

/** initdb refuses to run as root: run the cluster as the `postgres` system user then. */
const asPostgres = typeof process.getuid === 'function' && process.getuid() === 0;

function pgCommand(bin: string, args: string[]): void {
  const exe = path.join(PG_BIN, bin);
  if (asPostgres) execFileSync('runuser', ['-u', 'postgres', '--', exe, ...args], { stdio: 'pipe' });
  else execFileSync(exe, args, { stdio: 'pipe' });
}

function startPostgres(): void {
  pgCommand('pg_ctl', [
    '-D',
    PG_DATA,
    '-l',
    path.join(WORK_DIR, 'postgres.log'),
    '-w',
    '-t',
    '120',
    '-o',
    `-p ${PG_PORT} -c listen_addresses=127.0.0.1 -k ${WORK_DIR} -c max_connections=200 -c fsync=on -c synchronous_commit=on`,
    'start',
  ]);
}

function crashPostgres(): void {
  pgCommand('pg_ctl', ['-D', PG_DATA, '-m', 'immediate', '-w', 'stop']);
}

function stopPostgres(): void {
  try {
    pgCommand('pg_ctl', ['-D', PG_DATA, '-m', 'fast', '-w', 'stop']);
  } catch {
    // not running
  }
}

async function createCluster(): Promise<void> {
  if (fs.existsSync(path.join(PG_DATA, 'postmaster.pid'))) stopPostgres();
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.mkdirSync(WORK_DIR, { recursive: true });
  if (asPostgres) execFileSync('chown', ['postgres', WORK_DIR]);
  pgCommand('initdb', ['-D', PG_DATA, '-A', 'trust', '-U', 'postgres', '--no-instructions', '-E', 'UTF8']);
  startPostgres();
  const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${PG_PORT}/postgres` });
  await c.connect();
  try {
    await c.query('CREATE DATABASE motcua');
  } finally {
    await c.end();
  }
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/* ------------------------------------------------------------------ app server */

const APP_ENV: Record<string, string> = {
  DATABASE_URL: DB_URL,
  LOG_LEVEL: 'error',
  WORKER_ENABLED: 'true',
  SANDBOX_ENABLED: 'false',
  NODE_ENV: 'production',
  DB_POOL_SIZE: String(CLIENTS + 4),
  RATE_LIMIT_LOGIN_PER_IP: '100000000',
  RATE_LIMIT_LOGIN_PER_IDENTIFIER: '100000',
  // Seal the audit chain quickly so that `audit verify` covers the entries of the run.
  AUDIT_SEAL_LAG_SECONDS: '1',
  AUDIT_SEAL_INTERVAL_SECONDS: '1',
};

let app: ChildProcess | undefined;
let appSurvivedDatabaseCrash = false;

async function startApp(): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...APP_ENV,
      PORT: String(APP_PORT),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => fs.appendFileSync(path.join(WORK_DIR, 'app.log'), d));
  app = child;
  await waitForHttp(`${BASE}/api/health`, 60_000, child);
}

function killApp(): Promise<void> {
  const child = app;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/* ------------------------------------------------------------------ webhook receiver */

const received = new Map<string, number>(); // dossier code → dossier.created deliveries
let receiverDown = false;
let receiverRequests = 0;

function startReceiver(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiverRequests += 1;
      if (receiverDown) {
        res.writeHead(503).end();
        return;
      }
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          type?: string;
          subject?: string;
        };
        if (event.type === 'vn.gov.motcua.dossier.created' && event.subject) {
          received.set(event.subject, (received.get(event.subject) ?? 0) + 1);
        }
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/* ------------------------------------------------------------------ load */

interface Intake {
  token: string;
  body: () => string;
}

async function prepareIntake(): Promise<Intake> {
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tiepnhan.tinh1', password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const token = ((await login.json()) as { token: string }).token;
  const [setup] = await query<{
    unit_id: string;
    procedure_code: string;
    content: {
      components: { code: string; isRequired: boolean; originalCount: number; copyCount: number }[];
    };
  }>(
    `SELECT r.unit_id, d.procedure_code, v.content
       FROM officer o JOIN officer_role r ON r.officer_id = o.id
       JOIN dossier d ON d.receiving_unit_id = r.unit_id
       JOIN procedure_version v ON v.id = d.procedure_version_id
      WHERE o.username = 'tiepnhan.tinh1'
        AND jsonb_array_length(coalesce(v.content->'variants', '[]'::jsonb)) = 0
      GROUP BY 1, 2, 3 ORDER BY count(*) DESC LIMIT 1`,
  );
  if (!setup) throw new Error('no counter procedure at the province centre in the seed');
  const body = (): string => {
    const n = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
    return JSON.stringify({
      procedureCode: setup.procedure_code,
      receivingUnitId: setup.unit_id,
      applicant: {
        kind: 'citizen',
        fullName: `Trần Thị Thử ${n}`,
        idNumber: `0381${crypto.randomInt(50, 99)}${n}`,
        phone: `09${crypto.randomInt(10_000_000, 99_999_999)}`,
        address: 'Số 2 Trần Phú, phường Hạc Thành',
      },
      components: setup.content.components
        .filter((c) => c.isRequired)
        .map((c) => ({
          code: c.code,
          isProvided: true,
          originalCount: c.originalCount,
          copyCount: c.copyCount,
        })),
    });
  };
  return { token, body };
}

interface LoadStats {
  acknowledged: Map<string, string>; // code → id
  attempts: number;
  failed: number;
  errors: Map<string, number>;
}

function startLoad(intake: Intake): { stats: LoadStats; stop: () => Promise<void> } {
  const stats: LoadStats = { acknowledged: new Map(), attempts: 0, failed: 0, errors: new Map() };
  let running = true;
  const loops = Array.from({ length: CLIENTS }, async () => {
    while (running) {
      stats.attempts += 1;
      try {
        const res = await fetch(`${BASE}/api/dossiers/counter`, {
          method: 'POST',
          headers: { authorization: `Bearer ${intake.token}`, 'content-type': 'application/json' },
          body: intake.body(),
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (res.status === 201) {
          const d = JSON.parse(text) as { code: string; id: string };
          if (stats.acknowledged.has(d.code)) throw new Error(`code ${d.code} acknowledged twice`);
          stats.acknowledged.set(d.code, d.id);
        } else {
          stats.failed += 1;
          const key = `HTTP ${res.status}`;
          stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
          await sleep(50);
        }
      } catch (error) {
        stats.failed += 1;
        const key = (error as Error).message.startsWith('code ')
          ? (error as Error).message
          : 'no answer (connection refused or reset)';
        stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
        await sleep(50);
      }
    }
  });
  return {
    stats,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/* ------------------------------------------------------------------ checks */

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function verify(stats: LoadStats): Promise<Check[]> {
  const checks: Check[] = [];
  const codes = [...stats.acknowledged.keys()];
  const rows = await query<{
    code: string;
    id: string;
    transitions: string;
    audits: string;
    outbox: string;
  }>(
    `SELECT d.code, d.id,
            (SELECT count(*) FROM dossier_transition h WHERE h.dossier_id = d.id) AS transitions,
            (SELECT count(*) FROM audit_log a WHERE a.entity_type = 'dossier' AND a.entity_id IN (d.id::text, d.code)) AS audits,
            (SELECT count(*) FROM outbox_message o WHERE o.aggregate_type = 'dossier' AND o.aggregate_id = d.id::text
                AND o.topic = 'dossier.created') AS outbox
       FROM dossier d WHERE d.code = ANY($1::text[])`,
    [codes],
  );
  const found = new Map(rows.map((r) => [r.code, r]));
  const missing = codes.filter((c) => !found.has(c));
  checks.push({
    name: 'acknowledged dossiers exist',
    ok: missing.length === 0,
    detail: `${rows.length}/${codes.length}${missing.length ? `; missing: ${missing.slice(0, 5).join(', ')}` : ''}`,
  });
  const wrongId = rows.filter((r) => stats.acknowledged.get(r.code) !== r.id);
  checks.push({
    name: 'same id as acknowledged',
    ok: wrongId.length === 0,
    detail: `${wrongId.length} differ`,
  });
  const noHistory = rows.filter((r) => Number(r.transitions) < 1);
  checks.push({
    name: 'each has its history row',
    ok: noHistory.length === 0,
    detail: `${rows.length - noHistory.length}/${rows.length}`,
  });
  const noAudit = rows.filter((r) => Number(r.audits) < 1);
  checks.push({
    name: 'each has its audit entry',
    ok: noAudit.length === 0,
    detail: `${rows.length - noAudit.length}/${rows.length}`,
  });
  const noOutbox = rows.filter((r) => Number(r.outbox) !== 1);
  checks.push({
    name: 'each has exactly one dossier.created outbox message',
    ok: noOutbox.length === 0,
    detail: `${rows.length - noOutbox.length}/${rows.length}`,
  });
  const [dup] = await query<{ codes: string; seqs: string }>(
    `SELECT (SELECT count(*) FROM (SELECT code FROM dossier GROUP BY code HAVING count(*) > 1) x) AS codes,
            (SELECT count(*) FROM (SELECT split_part(code, '-', 1), split_part(code, '-', 2), split_part(code, '-', 3)
                                     FROM dossier GROUP BY 1, 2, 3 HAVING count(*) > 1) y) AS seqs`,
  );
  checks.push({
    name: 'no dossier code or sequence number used twice',
    ok: Number(dup?.codes) === 0 && Number(dup?.seqs) === 0,
    detail: `${dup?.codes ?? '?'} duplicate codes, ${dup?.seqs ?? '?'} duplicate numbers`,
  });
  const [orphans] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM dossier d WHERE NOT EXISTS (SELECT 1 FROM dossier_transition h WHERE h.dossier_id = d.id)`,
  );
  checks.push({
    name: 'no dossier without history (no half-written transaction)',
    ok: Number(orphans?.n) === 0,
    detail: `${orphans?.n ?? '?'} without history`,
  });
  const undelivered = codes.filter((c) => !received.has(c));
  const duplicates = [...received.values()].filter((n) => n > 1).length;
  checks.push({
    name: 'dossier.created reached the webhook receiver after restarts',
    ok: undelivered.length === 0,
    detail: `${codes.length - undelivered.length}/${codes.length} delivered (${duplicates} more than once, de-duplicated by id)${
      undelivered.length ? `; not delivered: ${undelivered.slice(0, 5).join(', ')}` : ''
    }`,
  });
  const [outbox] = await query<{ pending: string; dead: string }>(
    `SELECT count(*) FILTER (WHERE processed_at IS NULL AND dead_at IS NULL) AS pending,
            count(*) FILTER (WHERE dead_at IS NOT NULL) AS dead FROM outbox_message`,
  );
  checks.push({
    name: 'outbox drained, nothing dead-lettered',
    ok: Number(outbox?.pending) === 0 && Number(outbox?.dead) === 0,
    detail: `${outbox?.pending ?? '?'} pending, ${outbox?.dead ?? '?'} dead`,
  });
  return checks;
}

async function waitForOutbox(expected: readonly string[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await query<{ pending: string }>(
      `SELECT count(*) AS pending FROM outbox_message WHERE processed_at IS NULL AND dead_at IS NULL`,
    );
    const delivered = expected.every((c) => received.has(c));
    if (Number(row?.pending) === 0 && delivered) return;
    if (Date.now() > until) return;
    await sleep(500);
  }
}

/* ------------------------------------------------------------------ main */

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('Build first: npm run build --workspace=@motcua/api');
  log(`private PostgreSQL cluster on port ${PG_PORT} (${PG_BIN})`);
  await createCluster();
  const env = { ...APP_ENV };
  await runCli(['migrate'], env);
  log('seeding the demo province (1,500 dossiers)');
  await runCli(['seed', '--dossiers', '1500'], env);
  const receiver = await startReceiver();
  const address = receiver.address() as { port: number };
  await startApp();
  const intake = await prepareIntake();
  // Subscribe the receiver to dossier events (the admin API, as an IT administrator would).
  const adminLogin = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const adminToken = ((await adminLogin.json()) as { token: string }).token;
  const sub = await fetch(`${BASE}/api/admin/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Crash test receiver',
      url: `http://127.0.0.1:${address.port}/events`,
      eventTypes: ['vn.gov.motcua.dossier.created'],
    }),
  });
  if (sub.status !== 201) throw new Error(`webhook subscription: ${sub.status} ${await sub.text()}`);

  log(`intake from ${CLIENTS} concurrent loops`);
  const load = startLoad(intake);
  const kills: string[] = [];
  await sleep(PHASE_SECONDS * 1000);

  log('crash 1: kill -9 the app server mid-run');
  const before1 = load.stats.acknowledged.size;
  await killApp();
  kills.push('app SIGKILL');
  await sleep(1000);
  await startApp();
  log(`app restarted (${before1} acknowledged before the kill)`);
  await sleep(PHASE_SECONDS * 1000);

  log('crash 2: PostgreSQL stopped in immediate mode mid-run');
  crashPostgres();
  kills.push('PostgreSQL immediate stop');
  await sleep(2000);
  startPostgres();
  log('PostgreSQL restarted (crash recovery from the WAL)');
  await sleep(PHASE_SECONDS * 1000);
  // The app must ride out a database restart: still the same process, answering again.
  const survived = app?.exitCode === null && app.signalCode === null;
  const answering = await fetch(`${BASE}/api/health`)
    .then((r) => r.ok)
    .catch(() => false);
  appSurvivedDatabaseCrash = survived && answering;
  if (!appSurvivedDatabaseCrash) {
    log('the app server did not survive the PostgreSQL crash: restarting it (this check fails)');
    await startApp();
  }

  log('crash 3: the webhook receiver answers 503 while the app is killed again');
  receiverDown = true;
  await killApp();
  kills.push('app SIGKILL with the receiver down');
  await sleep(500);
  await startApp();
  await sleep(PHASE_SECONDS * 1000);
  receiverDown = false;
  await load.stop();
  log(`load stopped: ${load.stats.acknowledged.size} acknowledged of ${load.stats.attempts} attempts`);

  log('waiting for the outbox to deliver everything');
  await waitForOutbox([...load.stats.acknowledged.keys()], 120_000);
  // Let the sealer chain the last entries, then verify the chain from the CLI.
  await sleep(3000);
  const checks = await verify(load.stats);
  let auditOk = true;
  let auditDetail = '';
  try {
    auditDetail = (await runCli(['audit', 'verify'], env)).trim().split('\n').slice(-1)[0] ?? '';
  } catch (error) {
    auditOk = false;
    auditDetail = (error as Error).message;
  }
  checks.push({ name: 'audit hash chain verifies', ok: auditOk, detail: auditDetail });
  checks.push({
    name: 'the app server rode out the PostgreSQL crash (same process, answering)',
    ok: appSurvivedDatabaseCrash,
    detail: appSurvivedDatabaseCrash ? 'yes' : 'no (see .tmp/reliability/app.log)',
  });
  const internalErrors = [...load.stats.errors].filter(([k]) => /^HTTP 5\d\d$/.test(k) && k !== 'HTTP 503');
  checks.push({
    name: 'the database outage was answered 503 (retry), never 500',
    ok: internalErrors.length === 0,
    detail:
      internalErrors.length === 0
        ? `${load.stats.errors.get('HTTP 503') ?? 0} × 503`
        : internalErrors.map(([k, v]) => `${k} × ${v}`).join(', '),
  });
  await stopProcess(app as ChildProcess);
  receiver.close();
  stopPostgres();

  const failed = checks.filter((c) => !c.ok);
  const lines = [
    `Motcua crash test — ${new Date().toISOString()}`,
    `kills survived: ${kills.length} (${kills.join('; ')})`,
    `intake attempts: ${load.stats.attempts}, acknowledged: ${load.stats.acknowledged.size}, not acknowledged: ${load.stats.failed}`,
    `not acknowledged by cause: ${[...load.stats.errors].map(([k, v]) => `${k} × ${v}`).join(', ') || 'none'}`,
    `webhook receiver requests: ${receiverRequests}`,
    '',
    ...checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    '',
    `dossiers verified: ${load.stats.acknowledged.size}, lost: ${checks[0]?.ok ? 0 : 'some'}; ${checks.length - failed.length}/${checks.length} checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.writeFileSync(path.join(WORK_DIR, 'last-run.txt'), `${lines.join('\n')}\n`);
  if (failed.length > 0 || load.stats.acknowledged.size === 0) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  process.stderr.write(`crash test failed to run: ${(error as Error).stack ?? String(error)}\n`);
  await killApp().catch(() => undefined);
  stopPostgres();
  process.exitCode = 1;
}
