/**
 * `npm run bench`: Motcua at province and national scale, each figure against a baseline measured
 * in the same run on the same machine (docs/performance.md).
 *
 * Environment: BENCH_ADMIN_URL (PostgreSQL server, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_DATABASE (default motcua_bench), BENCH_DOSSIERS (default 5000000), BENCH_SECONDS (per load
 * phase, default 15), BENCH_CONNECTIONS (default 32), BENCH_PORT (default 3917),
 * BENCH_IMPORT_ROWS (default 200000), BENCH_ONLY (comma list of steps to run, e.g. `lookup,intake`;
 * default all: intake, lookup, queue, report, coldstart, import, screens). `screens` needs Chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium) and the built web app; it runs `serve --demo` on the
 * embedded database (the demo year), not on the bench dataset.
 *
 * The dataset is generated once (`motcua generate-dataset`) into its own database and reused by
 * later runs while its size matches; every run applies pending migrations first.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchScreens as measureScreens, type ScreenRow } from './screens.ts';
import {
  API_DIR,
  runCli,
  runPgLoad,
  runSequential,
  startServer,
  stopProcess,
  waitForHttp,
  withDatabase,
  type LoadResult,
} from './lib.ts';

const ADMIN_URL = process.env['BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env['BENCH_DATABASE'] ?? 'motcua_bench';
const DOSSIERS = Number(process.env['BENCH_DOSSIERS'] ?? 5_000_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const PORT = Number(process.env['BENCH_PORT'] ?? 3917);
const IMPORT_ROWS = Number(process.env['BENCH_IMPORT_ROWS'] ?? 200_000);
const ONLY = (process.env['BENCH_ONLY'] ?? '')
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
/** Whether a step (`benchLookup` → `lookup`) is selected by BENCH_ONLY. */
const isSelected = (step: { name: string }) =>
  ONLY.length === 0 || ONLY.includes(step.name.replace(/^bench/, '').toLowerCase());
const DB_URL = withDatabase(ADMIN_URL, DB_NAME);
const MARKER = `motcua-bench dataset v1: ${DOSSIERS} dossiers`;
const PASSWORD = 'motcua-demo-2026';
const started = Date.now();

type Row = ScreenRow;
const rows: Row[] = [];
const raw: Record<string, unknown> = {};

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const rate = (v: number, unit: string): string => `${Math.round(v).toLocaleString('en-US')} ${unit}`;
const pct = (a: number, b: number): string => (b > 0 ? `${((100 * a) / b).toFixed(0)}%` : '-');
const log = (m: string): void => {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${m}\n`);
};

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/* ------------------------------------------------------------------ dataset */

async function ensureDataset(): Promise<void> {
  const comment = await admin(async (c) => {
    const r = await c.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [DB_NAME],
    );
    return r.rowCount === 0 ? undefined : (r.rows[0]?.comment ?? null);
  });
  const env = { DATABASE_URL: DB_URL, LOG_LEVEL: 'warn' };
  if (comment === MARKER) {
    log(`reusing the dataset in ${DB_NAME} (${DOSSIERS} dossiers); applying pending migrations`);
    await runCli(['migrate'], env);
    rows.push({
      name: 'Dataset generation',
      motcua: 'reused from an earlier run',
      baseline: '-',
      ratio: '-',
      target: '5M in minutes',
      met: '-',
      note: 'drop the database to measure it again',
    });
    return;
  }
  log(`generating ${DOSSIERS} dossiers into ${DB_NAME} (first run; later runs reuse it)`);
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB_NAME}`);
  });
  const t0 = Date.now();
  const out = await runCli(['generate-dataset', '--dossiers', String(DOSSIERS)], env);
  const seconds = (Date.now() - t0) / 1000;
  const report = JSON.parse(out) as { dossiers: number; rows: Record<string, number>; loadSeconds: number };
  raw['generation'] = { ...report, wallSeconds: seconds };
  await admin((c) => c.query(`COMMENT ON DATABASE ${DB_NAME} IS '${MARKER}'`));
  const historyRows = report.rows['dossier_transition'] ?? 0;
  rows.push({
    name: 'Dataset generation (COPY)',
    motcua: `${rate(report.dossiers / seconds, 'dossiers/s')} (${(seconds / 60).toFixed(1)} min)`,
    baseline: '-',
    ratio: '-',
    target: '5M in minutes',
    met: seconds < 900 ? 'yes' : 'NO',
    note: `${report.dossiers} dossiers, ${historyRows} history rows`,
  });
}

/* ------------------------------------------------------------------ HTTP helpers */

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface Cannon {
  perSecond: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
}

async function cannon(options: autocannon.Options): Promise<Cannon> {
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  const ok = r['2xx'];
  return {
    perSecond: ok / r.duration,
    ok,
    failed: r.non2xx + r.errors + r.timeouts,
    p50: r.latency.p50,
    p99: r.latency.p99,
  };
}

/* ------------------------------------------------------------------ 1. intake */

function randomApplicant(): Record<string, string> {
  const n = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  return {
    kind: 'citizen',
    fullName: `Nguyễn Văn Thử ${n}`,
    idNumber: `0380${crypto.randomInt(50, 99)}${n}`,
    phone: `09${crypto.randomInt(10_000_000, 99_999_999)}`,
    address: 'Số 1 Lê Lợi, phường Hạc Thành',
  };
}

async function benchIntake(base: string): Promise<void> {
  const setup = await admin(async (c) => {
    const officer = await c.query<{ unit_id: string }>(
      `SELECT r.unit_id FROM officer o JOIN officer_role r ON r.officer_id = o.id WHERE o.username = 'tiepnhan.tinh1'`,
    );
    const unitId = officer.rows[0]?.unit_id;
    const proc = await c.query<{
      procedure_code: string;
      content: {
        components: { code: string; isRequired: boolean; originalCount: number; copyCount: number }[];
      };
    }>(
      `SELECT d.procedure_code, v.content, count(*) AS n
         FROM dossier d JOIN procedure_version v ON v.id = d.procedure_version_id
        WHERE d.receiving_unit_id = $1 AND d.channel = 'counter'
          AND jsonb_array_length(coalesce(v.content->'variants', '[]'::jsonb)) = 0
        GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
      [unitId],
    );
    return { unitId, procedure: proc.rows[0] };
  }, DB_URL);
  if (!setup.unitId || !setup.procedure)
    throw new Error('intake: no counter procedure at the province centre');
  const { procedure_code: procedureCode, content } = setup.procedure;
  const body = (): string =>
    JSON.stringify({
      procedureCode,
      receivingUnitId: setup.unitId,
      applicant: randomApplicant(),
      components: content.components
        .filter((c) => c.isRequired)
        .map((c) => ({
          code: c.code,
          isProvided: true,
          originalCount: c.originalCount,
          copyCount: c.copyCount,
        })),
    });
  const token = await login(base, 'tiepnhan.tinh1');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const probe = await fetch(`${base}/api/dossiers/counter`, { method: 'POST', headers, body: body() });
  if (probe.status !== 201) throw new Error(`intake probe: ${probe.status} ${await probe.text()}`);
  const created = (await probe.json()) as { code: string };

  log(`1. intake over HTTP, ${CONNECTIONS} connections, ${SECONDS} s`);
  const http = await cannon({
    url: base,
    requests: [
      {
        method: 'POST',
        path: '/api/dossiers/counter',
        headers,
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  });

  // Raw: the same inserts in one transaction per dossier, modelled on the row the API just wrote.
  const tpl = await admin(async (c) => {
    const d = await c.query<Record<string, unknown>>(`SELECT * FROM dossier WHERE code = $1`, [created.code]);
    const row = d.rows[0] as Record<string, unknown>;
    const comps = await c.query(`SELECT * FROM dossier_component WHERE dossier_id = $1`, [row['id']]);
    const step = await c.query(`SELECT * FROM dossier_step WHERE dossier_id = $1`, [row['id']]);
    const agency = await c.query<{ agency_code: string }>(`SELECT agency_code FROM unit WHERE id = $1`, [
      row['competent_unit_id'],
    ]);
    return {
      row,
      comps: comps.rows,
      step: step.rows[0] as Record<string, unknown> | undefined,
      agency: agency.rows[0]?.agency_code ?? '',
    };
  }, DB_URL);
  log(`1. intake baseline: raw SQL transaction, ${CONNECTIONS} clients, ${SECONDS} s`);
  const r = tpl.row;
  const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const rawResult = await runPgLoad(DB_URL, CONNECTIONS, SECONDS, async (c) => {
    await c.query('BEGIN');
    const seq = await c.query<{ last_value: number }>(
      `INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ($1, $2::date, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1 RETURNING last_value`,
      [tpl.agency, day],
    );
    const code = `${tpl.agency}-${day.slice(2).replace(/-/g, '')}-${String(seq.rows[0]?.last_value).padStart(4, '0')}`;
    const applicant = randomApplicant();
    const now = new Date();
    const ins = await c.query<{ id: string }>(
      `INSERT INTO dossier (code, procedure_version_id, procedure_code, variant_code, channel, status, receiving_unit_id,
         competent_unit_id, current_step_index, current_unit_id, current_assignee_id, applicant_name, applicant_id_number,
         applicant, form_data, result_delivery, submitted_at, received_at, due_at, original_due_at, deadline,
         supplement_mode, is_obligation_time_excluded, lookup_secret, fee_total, version, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$17,$18,$18,$19,$20,$21,$22,$23,1,$17,$17) RETURNING id`,
      [
        code,
        r['procedure_version_id'],
        r['procedure_code'],
        r['variant_code'],
        r['channel'],
        r['status'],
        r['receiving_unit_id'],
        r['competent_unit_id'],
        r['current_step_index'],
        r['current_unit_id'],
        r['current_assignee_id'],
        applicant['fullName'],
        applicant['idNumber'],
        JSON.stringify(applicant),
        JSON.stringify(r['form_data']),
        r['result_delivery'],
        now,
        r['due_at'],
        JSON.stringify(r['deadline']),
        r['supplement_mode'],
        r['is_obligation_time_excluded'],
        'ABCDEF',
        r['fee_total'],
      ],
    );
    const id = ins.rows[0]?.id;
    if (tpl.comps.length > 0) {
      const values: unknown[] = [];
      const tuples = tpl.comps.map((cp, i) => {
        values.push(
          id,
          cp['component_code'],
          cp['name'],
          cp['original_count'],
          cp['copy_count'],
          cp['is_required'],
          cp['is_provided'],
        );
        const b = i * 7;
        return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7})`;
      });
      await c.query(
        `INSERT INTO dossier_component (dossier_id, component_code, name, original_count, copy_count, is_required, is_provided) VALUES ${tuples.join(',')}`,
        values,
      );
    }
    if (tpl.step)
      await c.query(
        `INSERT INTO dossier_step (dossier_id, step_index, step_code, name, role, unit_id, assignee_id, entered_at, entered_by, due_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [
          id,
          tpl.step['step_index'],
          tpl.step['step_code'],
          tpl.step['name'],
          tpl.step['role'],
          tpl.step['unit_id'],
          tpl.step['assignee_id'],
          now,
          tpl.step['entered_by'],
          tpl.step['due_at'],
        ],
      );
    await c.query(
      `INSERT INTO dossier_transition (dossier_id, seq, action, from_status, to_status, actor_type, actor_id, actor_name, occurred_at, step_index, details)
       VALUES ($1, 1, 'receive', NULL, 'received', 'officer', NULL, 'bench', $2, 0, $3)`,
      [id, now, JSON.stringify({ channel: 'counter', dueAt: r['due_at'] })],
    );
    await c.query(
      `INSERT INTO audit_log (occurred_at, actor_type, actor_id, event_type, entity_type, entity_id, summary)
       VALUES ($1, 'system', NULL, 'dossier.created', 'dossier', $2, $3)`,
      [now, id, JSON.stringify({ code, channel: 'counter', status: 'received' })],
    );
    await c.query(
      `INSERT INTO outbox_message (topic, aggregate_type, aggregate_id, payload) VALUES ('dossier.created', 'dossier', $1, $2)`,
      [id, JSON.stringify({ dossierId: id, code, status: 'received' })],
    );
    await c.query('COMMIT');
  });
  raw['intake'] = { http, raw: rawResult };
  const ratio = http.perSecond / rawResult.perSecond;
  rows.push({
    name: `1. Intake, HTTP API, ${CONNECTIONS} conn.`,
    motcua: `${rate(http.perSecond, 'dossiers/s')}, p99 ${ms(http.p99)}`,
    baseline: `${rate(rawResult.perSecond, 'tx/s')}, p99 ${ms(rawResult.p99)}`,
    ratio: pct(http.perSecond, rawResult.perSecond),
    target: '≥ 40%, p99 < 50 ms',
    met: ratio >= 0.4 && http.p99 < 50 ? 'yes' : 'NO',
    note:
      http.failed > 0 || rawResult.errors > 0
        ? `failed: ${http.failed} http, ${rawResult.errors} raw`
        : undefined,
  });
}

/* ------------------------------------------------------------------ 2. lookup */

async function benchLookup(base: string): Promise<void> {
  const sample = await admin(async (c) => {
    const r = await c.query<{ code: string; lookup_secret: string }>(
      `SELECT code, lookup_secret FROM dossier TABLESAMPLE SYSTEM (1) LIMIT 20000`,
    );
    return r.rows;
  }, DB_URL);
  const pick = () => sample[crypto.randomInt(sample.length)] as { code: string; lookup_secret: string };
  log(
    `2. public lookup over HTTP, ${CONNECTIONS} connections, ${SECONDS} s (${sample.length} random dossiers)`,
  );
  const http = await cannon({
    url: base,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const s = pick();
          return {
            ...req,
            path: `/api/public/lookup?code=${encodeURIComponent(s.code)}&secret=${s.lookup_secret}`,
          };
        },
      },
    ],
  });
  log(`2. lookup baseline: raw indexed point select, ${CONNECTIONS} clients, ${SECONDS} s`);
  const rawResult = await runPgLoad(DB_URL, CONNECTIONS, SECONDS, async (c) => {
    const r = await c.query('SELECT * FROM dossier WHERE code = $1', [pick().code]);
    if (r.rowCount !== 1) throw new Error('not found');
  });
  // Context, not the target's baseline: what HTTP itself leaves on this machine, a bare Node
  // server doing nothing but the raw select per request (bench/http-floor.mjs).
  log(`2. lookup context: bare HTTP server + the raw select, ${CONNECTIONS} connections, ${SECONDS} s`);
  const floorPort = PORT + 7;
  const floorChild = spawn(
    process.execPath,
    [path.join(API_DIR, 'bench/http-floor.mjs'), DB_URL, String(floorPort), String(CONNECTIONS)],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let floor: Cannon;
  try {
    const probe = sample[0] as { code: string };
    await waitForHttp(
      `http://127.0.0.1:${floorPort}/api/public/lookup?code=${encodeURIComponent(probe.code)}`,
      30_000,
      floorChild,
    );
    floor = await cannon({
      url: `http://127.0.0.1:${floorPort}`,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            const s = pick();
            return { ...req, path: `/api/public/lookup?code=${encodeURIComponent(s.code)}` };
          },
        },
      ],
    });
  } finally {
    await stopProcess(floorChild);
  }
  raw['lookup'] = { http, raw: rawResult, floor };
  rows.push({
    name: `2. Public lookup, HTTP, ${CONNECTIONS} conn.`,
    motcua: `${rate(http.perSecond, 'req/s')}, p99 ${ms(http.p99)}`,
    baseline: `${rate(rawResult.perSecond, 'selects/s')}, p99 ${ms(rawResult.p99)}`,
    ratio: pct(http.perSecond, rawResult.perSecond),
    target: '≥ 50%',
    met: http.perSecond / rawResult.perSecond >= 0.5 ? 'yes' : 'NO',
    note: `a bare HTTP server doing only the raw select answered ${rate(floor.perSecond, 'req/s')} (${pct(floor.perSecond, rawResult.perSecond)} of the raw select; Motcua ${pct(http.perSecond, floor.perSecond)} of it)${http.failed > 0 ? `; failed: ${http.failed}` : ''}`,
  });
}

/* ------------------------------------------------------------------ 3. queue */

async function benchQueue(base: string): Promise<void> {
  const who = await admin(async (c) => {
    const biggest = await c.query<{ current_unit_id: string; n: number }>(
      `SELECT current_unit_id, count(*)::int AS n FROM dossier WHERE status = 'processing'
        GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const unitId = biggest.rows[0]?.current_unit_id;
    const officer = await c.query<{ username: string; id: string }>(
      `SELECT o.username, o.id FROM officer o JOIN officer_role r ON r.officer_id = o.id
         JOIN unit_closure uc ON uc.ancestor_id = r.unit_id
        WHERE uc.descendant_id = $1 AND r.role IN ('specialist', 'division_head', 'leader')
        ORDER BY o.username LIMIT 1`,
      [unitId],
    );
    const units = await c.query<{ id: string }>(
      `SELECT DISTINCT c.descendant_id AS id FROM officer_role r JOIN unit_closure c ON c.ancestor_id = r.unit_id
        WHERE r.officer_id = $1`,
      [officer.rows[0]?.id],
    );
    return {
      username: officer.rows[0]?.username,
      queue: biggest.rows[0]?.n ?? 0,
      units: units.rows.map((u) => u.id),
    };
  }, DB_URL);
  if (!who.username) throw new Error('queue: no officer over the largest queue');
  const token = await login(base, who.username);
  const requests = 400;
  const offsetOf = (i: number): number => (i % 10) * 20;
  log(`3. officer queue over HTTP: ${who.username}, ${who.queue} dossiers in processing, ${requests} pages`);
  for (let i = 0; i < 20; i++)
    await fetch(`${base}/api/dossiers?scope=my_units&status=processing&sort=due_asc&limit=20`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.arrayBuffer());
  const http = await runSequential(requests, async (i) => {
    const res = await fetch(
      `${base}/api/dossiers?scope=my_units&status=processing&sort=due_asc&limit=20&offset=${offsetOf(i)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (res.status !== 200) throw new Error(String(res.status));
    const json = (await res.json()) as { items: unknown[] };
    if (json.items.length !== 20) throw new Error('short page');
  });
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  let rawResult: LoadResult;
  try {
    rawResult = await runSequential(requests, async (i) => {
      await c.query(
        `SELECT d.* FROM dossier d WHERE d.id IN (
           SELECT id FROM dossier WHERE current_unit_id = ANY($1::uuid[]) AND status = 'processing'
            ORDER BY due_at ASC NULLS LAST, submitted_at, id LIMIT 20 OFFSET $2)
          ORDER BY due_at ASC NULLS LAST, submitted_at, id`,
        [who.units, offsetOf(i)],
      );
      await c.query(
        `SELECT count(*)::int FROM dossier WHERE current_unit_id = ANY($1::uuid[]) AND status = 'processing'`,
        [who.units],
      );
    });
  } finally {
    await c.end();
  }
  raw['queue'] = { http, raw: rawResult, queueSize: who.queue };
  rows.push({
    name: '3. Officer queue, page of 20 (5M)',
    motcua: `p95 ${ms(http.p95)} (p50 ${ms(http.p50)})`,
    baseline: `p95 ${ms(rawResult.p95)} (raw SQL)`,
    ratio: pct(rawResult.p95, http.p95),
    target: 'p95 < 20 ms',
    met: http.p95 < 20 && http.errors === 0 ? 'yes' : 'NO',
    note: `${who.queue} dossiers in the unit's queue${http.errors > 0 ? `, ${http.errors} failed` : ''}`,
  });
}

/* ------------------------------------------------------------------ screens (issue 3) */

async function benchScreens(): Promise<void> {
  const result = await measureScreens(PORT + 3, log);
  rows.push(...result.rows);
  raw['screens'] = result.raw;
}

/* ------------------------------------------------------------------ 4. report II.06a */

async function benchReport(): Promise<void> {
  const year = new Date(Date.now() - 365 * 86_400_000);
  const from = new Date(`${year.toISOString().slice(0, 10)}T00:00:00+07:00`);
  const to = new Date();
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  // Baseline: one pass of SQL over the province-year computing the II.06a columns.
  const baselineSql = `
    SELECT count(*) FILTER (WHERE received_at >= $1 AND channel = 'online') AS online,
           count(*) FILTER (WHERE received_at >= $1 AND channel <> 'online') AS counter,
           count(*) FILTER (WHERE received_at < $1) AS carried,
           count(*) FILTER (WHERE completed_at >= $1 AND completed_at < $2 AND (completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS early,
           count(*) FILTER (WHERE completed_at >= $1 AND completed_at < $2 AND (completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = (due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS on_time,
           count(*) FILTER (WHERE completed_at >= $1 AND completed_at < $2 AND (completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > (due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS late,
           count(*) FILTER (WHERE (completed_at IS NULL OR completed_at >= $2) AND due_at >= $2) AS open_in_time,
           count(*) FILTER (WHERE (completed_at IS NULL OR completed_at >= $2) AND due_at < $2) AS open_late
      FROM dossier
     WHERE received_at < $2 AND (received_at >= $1 OR completed_at IS NULL OR completed_at >= $1)`;
  const times: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await c.query(baselineSql, [from, to]);
      times.push(performance.now() - t0);
    }
  } finally {
    await c.end();
  }
  const baseline = Math.min(...times);
  const statisticsFile = path.join(API_DIR, 'src/modules/statistics/statistics.service.ts');
  const mod = fs.existsSync(statisticsFile)
    ? ((await import(pathToFileURL(statisticsFile).href)) as Record<string, unknown>)
    : undefined;
  const fn = mod?.['computeReport06a'];
  raw['report'] = { baselineMs: times };
  if (typeof fn !== 'function') {
    rows.push({
      name: '4. Report II.06a, province-year (5M)',
      motcua: 'statistics module not available',
      baseline: `${ms(baseline)} (one SQL pass)`,
      ratio: '-',
      target: '< 300 ms',
      met: '-',
      note: 'computeReport06a is not exported by modules/statistics yet',
    });
    return;
  }
  const { loadConfig } = await import('../src/config.ts');
  const { openConfiguredDatabase, createContext } = await import('../src/server.ts');
  const { SYSTEM_ACTOR } = await import('../src/shared/actor.ts');
  const cfg = loadConfig({ DATABASE_URL: DB_URL, LOG_LEVEL: 'silent', WORKER_ENABLED: 'false' });
  const handle = await openConfiguredDatabase(cfg);
  const quiet = { info() {}, warn() {}, error() {}, debug() {} };
  const ctx = createContext(cfg, handle, quiet);
  const report = fn as (ctx: unknown, actor: unknown, params: unknown) => Promise<unknown>;
  const runs: number[] = [];
  try {
    const params = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      await report(ctx, SYSTEM_ACTOR, params);
      runs.push(performance.now() - t0);
    }
  } catch (error) {
    rows.push({
      name: '4. Report II.06a, province-year (5M)',
      motcua: `failed: ${(error as Error).message}`,
      baseline: ms(baseline),
      ratio: '-',
      target: '< 300 ms',
      met: 'NO',
    });
    return;
  } finally {
    await handle.close();
  }
  const warm = runs.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? Number.NaN;
  raw['report'] = { baselineMs: times, motcuaMs: runs };
  rows.push({
    name: '4. Report II.06a, province-year (5M)',
    motcua: `${ms(median)} (first ${ms(runs[0] ?? Number.NaN)})`,
    baseline: `${ms(baseline)} (one SQL pass)`,
    ratio: pct(baseline, median),
    target: '< 300 ms',
    met: median < 300 ? 'yes' : 'NO',
  });
}

/* ------------------------------------------------------------------ 5. embedded cold start */

async function timeToFirstAnswer(args: string[], env: Record<string, string>, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, 60_000, child);
    return performance.now() - t0;
  } finally {
    await stopProcess(child);
  }
}

async function benchColdStart(): Promise<void> {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-embedded-'));
    dirs.push(d);
    return d;
  };
  try {
    log('5. embedded cold start (empty data folder → migrations → first answered request)');
    const port = PORT + 1;
    const env = (dir: string) => ({
      MOTCUA_DATA_DIR: dir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SANDBOX_ENABLED: 'false',
    });
    const cold: number[] = [];
    const floor: number[] = [];
    let warmDir = '';
    for (let i = 0; i < 2; i++) {
      warmDir = fresh();
      cold.push(await timeToFirstAnswer([path.join(API_DIR, 'dist/cli.js'), 'serve'], env(warmDir), port));
      floor.push(
        await timeToFirstAnswer(
          [path.join(API_DIR, 'bench/embedded-floor.mjs'), path.join(fresh(), 'pg'), String(port)],
          {},
          port,
        ),
      );
    }
    const restart = await timeToFirstAnswer([path.join(API_DIR, 'dist/cli.js'), 'serve'], env(warmDir), port);
    const c = Math.min(...cold);
    const f = Math.min(...floor);
    raw['coldStart'] = { coldMs: cold, floorMs: floor, restartMs: restart };
    rows.push({
      name: '5. Embedded cold start',
      motcua: `${(c / 1000).toFixed(2)} s (restart ${(restart / 1000).toFixed(2)} s)`,
      baseline: `${(f / 1000).toFixed(2)} s (bare PGlite + HTTP)`,
      ratio: pct(f, c),
      target: '< 5 s',
      met: c < 5000 ? 'yes' : 'NO',
    });
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

/* ------------------------------------------------------------------ legacy import */

async function benchImport(): Promise<void> {
  const name = `${DB_NAME}_import`;
  const url = withDatabase(ADMIN_URL, name);
  const file = path.join(os.tmpdir(), `motcua-bench-import-${process.pid}.csv`);
  const dumps = [`/tmp/motcua-bench-${process.pid}-d.tsv`, `/tmp/motcua-bench-${process.pid}-t.tsv`];
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  try {
    log(`legacy import: demo organisation and catalog into ${name}, then ${IMPORT_ROWS} CSV rows`);
    await runCli(['generate-dataset', '--dossiers', '1', '--templates', '1'], {
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
    });
    const refs = await admin(async (c) => {
      const units = await c.query<{ agency_code: string }>(
        `SELECT agency_code FROM unit WHERE kind = 'one_stop_section' ORDER BY agency_code`,
      );
      const procs = await c.query<{ code: string; competent: string }>(
        `SELECT p.code, v.content->>'competentAgencyCode' AS competent FROM procedure p
           JOIN procedure_version v ON v.procedure_id = p.id WHERE v.status = 'published'`,
      );
      return { sections: units.rows.map((u) => u.agency_code), procs: procs.rows.filter((p) => p.competent) };
    }, url);
    const out = fs.createWriteStream(file);
    out.write(
      'code,procedure_code,channel,status,receiving_unit,competent_unit,applicant_name,applicant_id_number,applicant_phone,submitted_at,received_at,due_at,completed_at,returned_at,result_number\n',
    );
    const seq = new Map<string, number>();
    const statuses = ['10', '10', '10', '10', '10', '10', '3', '8', '9', '4'];
    for (let i = 0; i < IMPORT_ROWS; i++) {
      const p = refs.procs[i % refs.procs.length] as { code: string; competent: string };
      const section = refs.sections[i % refs.sections.length] as string;
      const dayMs = Date.UTC(2024, 0, 2) + (i % 360) * 86_400_000;
      const d = new Date(dayMs).toISOString().slice(0, 10);
      const key = `${p.competent}-${d.slice(2).replace(/-/g, '')}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      const status = statuses[i % statuses.length] as string;
      const isDone = status !== '4';
      const late = i % 7 === 0 ? 3 : 0;
      const done = new Date(dayMs + (4 + late) * 86_400_000).toISOString().slice(0, 10);
      const returned =
        status === '10' ? new Date(dayMs + (5 + late) * 86_400_000).toISOString().slice(0, 10) : '';
      const received = status === '3' ? '' : `${d} 08:30`;
      const due =
        status === '3' ? '' : `${new Date(dayMs + 5 * 86_400_000).toISOString().slice(0, 10)} 08:30`;
      out.write(
        `${key}-${String(n).padStart(4, '0')},${p.code},${1 + (i % 3)},${status},${section},${p.competent},Nguyễn Thị Nhập ${i},0381${String(i).padStart(8, '0')},0912${String(i % 1_000_000).padStart(6, '0')},${d} 08:00,${received},${due},${isDone ? `${done} 15:00` : ''},${returned ? `${returned} 09:00` : ''},${status === '10' ? `${i}/GP` : ''}\n`,
      );
    }
    await new Promise<void>((resolve) => out.end(resolve));
    const t0 = performance.now();
    const report = JSON.parse(
      await runCli(['import-dossiers', file, '--rejects', `${file}.rejects.csv`], {
        DATABASE_URL: url,
        LOG_LEVEL: 'warn',
      }),
    ) as { imported: number; rejected: number; seconds: number; dossiersPerSecond: number };
    const wall = (performance.now() - t0) / 1000;
    // Baseline: COPY of exactly the rows the import wrote, into tables with the same indexes.
    const rawSeconds = await admin(async (c) => {
      await c.query(`COPY (SELECT * FROM dossier) TO '${dumps[0]}'`);
      await c.query(
        `COPY (SELECT dossier_id, seq, action, from_status, to_status, actor_type, actor_id, actor_name, occurred_at, reason, step_index, details FROM dossier_transition) TO '${dumps[1]}'`,
      );
      await c.query('CREATE TABLE bench_raw_dossier (LIKE dossier INCLUDING ALL)');
      await c.query('CREATE TABLE bench_raw_transition (LIKE dossier_transition INCLUDING ALL)');
      const t1 = performance.now();
      await c.query('BEGIN');
      await c.query(`COPY bench_raw_dossier FROM '${dumps[0]}'`);
      await c.query(
        `COPY bench_raw_transition (dossier_id, seq, action, from_status, to_status, actor_type, actor_id, actor_name, occurred_at, reason, step_index, details) FROM '${dumps[1]}'`,
      );
      await c.query('COMMIT');
      return (performance.now() - t1) / 1000;
    }, url);
    const rawRate = report.imported / rawSeconds;
    raw['import'] = { ...report, wallSeconds: wall, rawCopySeconds: rawSeconds };
    rows.push({
      name: `Legacy import, CSV (${IMPORT_ROWS} rows)`,
      motcua: rate(report.dossiersPerSecond, 'dossiers/s'),
      baseline: `${rate(rawRate, 'dossiers/s')} (COPY of the same rows)`,
      ratio: pct(report.dossiersPerSecond, rawRate),
      target: '≥ 50,000/s',
      met: report.dossiersPerSecond >= 50_000 ? 'yes' : 'NO',
      note: `${report.imported} imported, ${report.rejected} rejected`,
    });
  } finally {
    for (const f of [file, `${file}.rejects.csv`, ...dumps]) fs.rmSync(f, { force: true });
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
  }
}

/* ------------------------------------------------------------------ main */

function printTable(): string {
  const head: Row = {
    name: 'Benchmark',
    motcua: 'Motcua',
    baseline: 'Baseline (same run)',
    ratio: 'Ratio',
    target: 'Target',
    met: '-',
  };
  const all = [head, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => String(r[k] ?? '').length));
  const cols: (keyof Row)[] = ['name', 'motcua', 'baseline', 'ratio', 'target', 'met'];
  const line = (r: Row) =>
    `| ${cols.map((k) => String(k === 'met' && r === head ? 'Met' : (r[k] ?? '')).padEnd(w(k))).join(' | ')} |`;
  const sep = `|${cols.map((k) => '-'.repeat(w(k) + 2)).join('|')}|`;
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  return [line(head), sep, ...rows.map(line), '', ...notes].join('\n');
}

async function benchOnDataset(): Promise<void> {
  await ensureDataset();
  const server = await startServer(
    {
      DATABASE_URL: DB_URL,
      LOG_LEVEL: 'warn',
      WORKER_ENABLED: 'false',
      SANDBOX_ENABLED: 'false',
      DB_POOL_SIZE: String(CONNECTIONS),
      NODE_ENV: 'production',
      // The load comes from one address: the per-IP limiter still runs on every request but
      // must not bind (the lookup target is about the lookup path, not about the limit).
      RATE_LIMIT_LOOKUP_PER_IP: '100000000',
      RATE_LIMIT_LOGIN_PER_IP: '100000000',
      // To compare with prepared statements off (ADR 0016): DB_PREPARE_THRESHOLD=0 npm run bench.
      ...(process.env['DB_PREPARE_THRESHOLD']
        ? { DB_PREPARE_THRESHOLD: process.env['DB_PREPARE_THRESHOLD'] }
        : {}),
    },
    PORT,
  );
  try {
    for (const step of [benchIntake, benchLookup, benchQueue].filter(isSelected)) {
      try {
        await step(server.url);
      } catch (error) {
        rows.push({
          name: step.name,
          motcua: `failed: ${(error as Error).message}`,
          baseline: '-',
          ratio: '-',
          target: '-',
          met: 'NO',
        });
      }
    }
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const pgVersion = await admin(
    async (c) =>
      (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?',
  );
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL ${pgVersion}`;
  log(`machine: ${machine}`);
  // Steps on the bench dataset; coldstart and screens bring their own databases.
  if ([benchIntake, benchLookup, benchQueue, benchReport, benchImport].some(isSelected))
    await benchOnDataset();
  for (const step of [benchReport, benchColdStart, benchImport, benchScreens].filter(isSelected)) {
    try {
      await step();
    } catch (error) {
      rows.push({
        name: step.name,
        motcua: `failed: ${(error as Error).message}`,
        baseline: '-',
        ratio: '-',
        target: '-',
        met: 'NO',
      });
    }
  }
  const total = (Date.now() - started) / 1000;
  const table = printTable();
  const text = `Motcua benchmark — ${new Date().toISOString()}\nMachine: ${machine}\nTotal time: ${(total / 60).toFixed(1)} min\n\n${table}\n`;
  process.stdout.write(`\n${text}`);
  const outDir = path.resolve(API_DIR, '../../.tmp/bench');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'last-run.md'), text);
  fs.writeFileSync(
    path.join(outDir, 'last-run.json'),
    `${JSON.stringify({ machine, totalSeconds: total, rows, raw }, null, 2)}\n`,
  );
  log(`results written to .tmp/bench/last-run.{md,json}`);
}

await main();
