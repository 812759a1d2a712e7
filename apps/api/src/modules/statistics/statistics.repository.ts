import { sql, type RawBuilder } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';

/**
 * SQL of the statistics module: per-dossier report facts, the exact daily/monthly rollups (kept
 * in the transaction of every dossier change, rebuilt after bulk loads), the report sums, the
 * drill-down lists, boundaries and subscriptions. Reports read only the rollups; drill-downs read
 * the facts; live "now" numbers read the open dossiers through `dossier_open_due_idx`.
 */

/* ------------------------------------------------------------------ counters */

/** Counter (camelCase, packages/domain REPORT_COUNTERS) → rollup column. */
export const COUNTER_COLUMNS = {
  submitted: 'submitted',
  received: 'received',
  refused: 'refused',
  settledEarly: 'settled_early',
  settledOnTime: 'settled_on_time',
  settledLate: 'settled_late',
  settledWithdrawn: 'settled_withdrawn',
  settledResult: 'settled_result',
  settlementMinutes: 'settlement_minutes',
  overdueFrom: 'overdue_from',
  overdueTo: 'overdue_to',
  supplementRequested: 'supplement_requested',
  digitised: 'digitised',
  reused: 'reused',
  rated: 'rated',
  ratedLow: 'rated_low',
  ratingSum: 'rating_sum',
} as const;
export type CounterName = keyof typeof COUNTER_COLUMNS;
const COUNTER_NAMES = Object.keys(COUNTER_COLUMNS) as CounterName[];

/** The dimensions of a rollup row (the dossier's, fixed at intake). */
export interface FactDimensions {
  competentUnitId: string;
  receivingUnitId: string;
  procedureCode: string;
  fieldCode: string;
  level: string;
  channel: string;
}

/* ------------------------------------------------------------------ sources */

/** The actions the report facts read from the history (others are ignored by the definitions). */
export const REPORT_ACTIONS = [
  'request_supplement',
  'supply',
  'request_obligation',
  'fulfil_obligation',
  'issue_result',
  'refuse',
  'stop',
  'confirm_withdrawal',
];

export interface ReportSourceRow extends FactDimensions {
  id: string;
  status: string;
  submittedAt: Date;
  receivedAt: Date | null;
  completedAt: Date | null;
  dueAt: Date | null;
  deadline: { dueAt: string; items: unknown[] } | null;
  supplementCount: number;
  isObligationTimeExcluded: boolean;
  isResultPaperRequired: boolean;
  hasComponentFile: boolean;
  hasResultFile: boolean;
  hasReusedComponent: boolean;
  ratedAt: Date | null;
  ratingScore: number | null;
  /** [action, from_status, to_status, occurred_at ISO] in order. */
  history: [string, string | null, string, string][];
}

function sourceQuery(where: RawBuilder<unknown>, limit: number | null) {
  return sql<ReportSourceRow>`
    SELECT d.id, d.channel, d.status, d.submitted_at, d.received_at, d.completed_at, d.due_at,
           CASE WHEN d.deadline IS NULL THEN NULL ELSE jsonb_build_object(
             'dueAt', d.deadline->'dueAt',
             'items', jsonb_path_query_array(d.deadline, '$.items[*] ? (@.type == "paused" || @.type == "due")')
           ) END AS deadline,
           d.supplement_count, d.is_obligation_time_excluded,
           d.competent_unit_id, d.receiving_unit_id, d.procedure_code,
           pv.field_code, pv.level,
           COALESCE((pv.content->'result'->>'isPaperRequired')::boolean, false) AS is_result_paper_required,
           EXISTS (SELECT 1 FROM dossier_file f WHERE f.dossier_id = d.id AND f.purpose IN ('component', 'supplement')) AS has_component_file,
           EXISTS (SELECT 1 FROM dossier_file f WHERE f.dossier_id = d.id AND f.purpose = 'result') AS has_result_file,
           EXISTS (SELECT 1 FROM dossier_component c WHERE c.dossier_id = d.id AND c.is_reused) AS has_reused_component,
           r.rated_at, r.score AS rating_score,
           COALESCE((SELECT jsonb_agg(jsonb_build_array(t.action, t.from_status, t.to_status, t.occurred_at) ORDER BY t.seq)
                       FROM dossier_transition t
                      WHERE t.dossier_id = d.id AND t.action = ANY(${REPORT_ACTIONS}::text[])), '[]'::jsonb) AS history
      FROM dossier d
      JOIN procedure_version pv ON pv.id = d.procedure_version_id
      LEFT JOIN dossier_rating r ON r.dossier_id = d.id
     WHERE ${where}
     ORDER BY d.id
     ${limit === null ? sql`` : sql`LIMIT ${limit}`}`;
}

export async function loadReportSource(
  db: DbExecutor,
  dossierId: string,
): Promise<ReportSourceRow | undefined> {
  const r = await sourceQuery(sql`d.id = ${dossierId}`, null).execute(db);
  return r.rows[0];
}

/**
 * Turns JIT compilation off for the rest of the transaction: the batch query of the rebuild is
 * estimated over the whole table (millions of rows), which makes PostgreSQL JIT-compile it at
 * every batch (≈ 350 ms of a 500 ms batch of 5 000 dossiers, measured on the 5M bench dataset).
 */
export async function disableJitForTransaction(db: DbExecutor): Promise<void> {
  await sql`SET LOCAL jit = off`.execute(db);
}

/** A batch of sources in id order after `afterId` (keyset paging for the rebuild). */
export async function loadReportSourceBatch(db: DbExecutor, afterId: string | null, limit: number) {
  const where = afterId === null ? sql`true` : sql`d.id > ${afterId}`;
  return (await sourceQuery(where, limit).execute(db)).rows;
}

export async function listReceivingUnitIds(db: DbExecutor): Promise<string[]> {
  const r = await sql<{ id: string }>`SELECT DISTINCT receiving_unit_id AS id FROM dossier`.execute(db);
  return r.rows.map((x) => x.id);
}

/* ------------------------------------------------------------------ facts */

export interface FactRow extends FactDimensions {
  dossierId: string;
  submittedDay: string;
  receivedDay: string | null;
  refusedDay: string | null;
  completedDay: string | null;
  timeliness: string | null;
  settlementKind: string | null;
  isWithdrawn: boolean;
  settlementWorkingMinutes: number | null;
  supplementDay: string | null;
  isDigitised: boolean;
  isReused: boolean;
  ratingDay: string | null;
  ratingScore: number | null;
  stepsCounted: number;
  computedAt: Date;
}

export interface SpanRow {
  dossierId: string;
  fromDay: string;
  toDay: string | null;
}

export async function findFact(db: DbExecutor, dossierId: string) {
  const fact = await db
    .selectFrom('reportDossierFact')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .forUpdate()
    .executeTakeFirst();
  if (!fact) return undefined;
  const spans = await db
    .selectFrom('reportOverdueSpan')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .orderBy('fromDay')
    .execute();
  return { fact, spans };
}

function factJson(rows: readonly FactRow[]): string {
  return JSON.stringify(
    rows.map((f) => ({
      dossier_id: f.dossierId,
      competent_unit_id: f.competentUnitId,
      receiving_unit_id: f.receivingUnitId,
      procedure_code: f.procedureCode,
      field_code: f.fieldCode,
      level: f.level,
      channel: f.channel,
      submitted_day: f.submittedDay,
      received_day: f.receivedDay,
      refused_day: f.refusedDay,
      completed_day: f.completedDay,
      timeliness: f.timeliness,
      settlement_kind: f.settlementKind,
      is_withdrawn: f.isWithdrawn,
      settlement_working_minutes: f.settlementWorkingMinutes,
      supplement_day: f.supplementDay,
      is_digitised: f.isDigitised,
      is_reused: f.isReused,
      rating_day: f.ratingDay,
      rating_score: f.ratingScore,
      steps_counted: f.stepsCounted,
      computed_at: f.computedAt.toISOString(),
    })),
  );
}

/** Inserts or replaces facts (one statement per batch). */
export async function upsertFacts(db: DbExecutor, rows: readonly FactRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO report_dossier_fact
    SELECT * FROM json_populate_recordset(NULL::report_dossier_fact, ${factJson(rows)}::json)
    ON CONFLICT ON CONSTRAINT report_dossier_fact_pk DO UPDATE SET
      competent_unit_id = EXCLUDED.competent_unit_id, receiving_unit_id = EXCLUDED.receiving_unit_id,
      procedure_code = EXCLUDED.procedure_code, field_code = EXCLUDED.field_code, level = EXCLUDED.level,
      channel = EXCLUDED.channel, submitted_day = EXCLUDED.submitted_day, received_day = EXCLUDED.received_day,
      refused_day = EXCLUDED.refused_day, completed_day = EXCLUDED.completed_day,
      timeliness = EXCLUDED.timeliness, settlement_kind = EXCLUDED.settlement_kind,
      is_withdrawn = EXCLUDED.is_withdrawn, settlement_working_minutes = EXCLUDED.settlement_working_minutes,
      supplement_day = EXCLUDED.supplement_day, is_digitised = EXCLUDED.is_digitised,
      is_reused = EXCLUDED.is_reused, rating_day = EXCLUDED.rating_day, rating_score = EXCLUDED.rating_score,
      steps_counted = EXCLUDED.steps_counted, computed_at = EXCLUDED.computed_at`.execute(db);
}

export async function insertSpans(db: DbExecutor, rows: readonly SpanRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((s) => ({ dossier_id: s.dossierId, from_day: s.fromDay, to_day: s.toDay })),
  );
  await sql`INSERT INTO report_overdue_span
            SELECT * FROM json_populate_recordset(NULL::report_overdue_span, ${json}::json)`.execute(db);
}

export async function deleteSpans(db: DbExecutor, dossierId: string): Promise<void> {
  await db.deleteFrom('reportOverdueSpan').where('dossierId', '=', dossierId).execute();
}

/* ------------------------------------------------------------------ rollup deltas */

export interface RollupDeltaRow extends FactDimensions {
  /** Day (daily table) or first day of the month (monthly table). */
  day: string;
  values: Partial<Record<CounterName, number>>;
}

/**
 * How many rows (stripes) one rollup group may be spread over. A writer adds to one stripe, so
 * concurrent writers of the same day, unit and procedure rarely wait on the same row lock until
 * each other's commit; readers SUM over the group (migration 20261207150000, ADR 0016).
 */
export const ROLLUP_STRIPES = 16;

function rollupJson(rows: readonly RollupDeltaRow[], dayColumn: 'day' | 'month', stripe: number): string {
  return JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = {
        [dayColumn]: r.day,
        stripe,
        competent_unit_id: r.competentUnitId,
        receiving_unit_id: r.receivingUnitId,
        procedure_code: r.procedureCode,
        field_code: r.fieldCode,
        level: r.level,
        channel: r.channel,
      };
      for (const c of COUNTER_NAMES) o[COUNTER_COLUMNS[c]] = r.values[c] ?? 0;
      return o;
    }),
  );
}

const ADD_COUNTERS = (table: string) =>
  sql.raw(
    COUNTER_NAMES.map(
      (c) => `${COUNTER_COLUMNS[c]} = ${table}.${COUNTER_COLUMNS[c]} + EXCLUDED.${COUNTER_COLUMNS[c]}`,
    ).join(', '),
  );

/**
 * Adds signed deltas to the daily and monthly rollups, on stripe `stripe` of each group (rows in a
 * fixed order, one stripe per transaction: no deadlocks).
 */
export async function addToRollups(
  db: DbExecutor,
  daily: readonly RollupDeltaRow[],
  monthly: readonly RollupDeltaRow[],
  stripe: number,
): Promise<void> {
  if (!Number.isInteger(stripe) || stripe < 0 || stripe >= ROLLUP_STRIPES)
    throw new Error(`rollup stripe out of range: ${stripe}`);
  if (daily.length > 0) {
    await sql`INSERT INTO report_daily
              SELECT * FROM json_populate_recordset(NULL::report_daily, ${rollupJson(daily, 'day', stripe)}::json)
              ON CONFLICT ON CONSTRAINT report_daily_pk DO UPDATE SET ${ADD_COUNTERS('report_daily')}`.execute(
      db,
    );
  }
  if (monthly.length > 0) {
    await sql`INSERT INTO report_monthly
              SELECT * FROM json_populate_recordset(NULL::report_monthly, ${rollupJson(monthly, 'month', stripe)}::json)
              ON CONFLICT ON CONSTRAINT report_monthly_pk DO UPDATE SET ${ADD_COUNTERS('report_monthly')}`.execute(
      db,
    );
  }
}

/* ------------------------------------------------------------------ steps */

export async function listCompletedSteps(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierStep')
    .select(['id', 'unitId', 'stepCode', 'enteredAt', 'completedAt', 'dueAt'])
    .where('dossierId', '=', dossierId)
    .where('completedAt', 'is not', null)
    .orderBy('id')
    .execute();
}

export interface StepDeltaRow {
  day: string;
  unitId: string;
  procedureCode: string;
  stepCode: string;
  completed: number;
  late: number;
  elapsedMinutes: number;
}

export async function addToStepRollup(db: DbExecutor, rows: readonly StepDeltaRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      day: r.day,
      unit_id: r.unitId,
      procedure_code: r.procedureCode,
      step_code: r.stepCode,
      completed: r.completed,
      late: r.late,
      elapsed_minutes: r.elapsedMinutes,
    })),
  );
  await sql`INSERT INTO report_step_daily
            SELECT * FROM json_populate_recordset(NULL::report_step_daily, ${json}::json)
            ON CONFLICT ON CONSTRAINT report_step_daily_pk DO UPDATE SET
              completed = report_step_daily.completed + EXCLUDED.completed,
              late = report_step_daily.late + EXCLUDED.late,
              elapsed_minutes = report_step_daily.elapsed_minutes + EXCLUDED.elapsed_minutes`.execute(db);
}

/* ------------------------------------------------------------------ rebuild */

export async function clearStatistics(db: DbExecutor): Promise<void> {
  await sql`TRUNCATE report_overdue_span, report_dossier_fact, report_daily, report_monthly, report_step_daily`.execute(
    db,
  );
}

/** Empties the rollups (not the facts): they are then summed again from the facts. */
export async function clearRollups(db: DbExecutor): Promise<void> {
  await sql`TRUNCATE report_daily, report_monthly, report_step_daily`.execute(db);
}

export async function countFacts(db: DbExecutor): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM report_dossier_fact`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/**
 * The rollups as sums of the stored facts: the same counters as `factCounters` in packages/domain
 * (the randomized test checks both paths give the same rows), then the months from the days.
 */
export async function aggregateRollupsFromFacts(db: DbExecutor): Promise<void> {
  const cols = COUNTER_NAMES.map((c) => COUNTER_COLUMNS[c]);
  const zero = (except: string, value: string) =>
    cols.map((c) => `${c === except ? value : '0'}::bigint AS ${c}`);
  const branch = (day: string, counter: string, value: string, where: string) =>
    `SELECT ${day} AS day, competent_unit_id, receiving_unit_id, procedure_code, field_code, level, channel, ${zero(counter, value).join(', ')} FROM report_dossier_fact WHERE ${where}`;
  const parts = [
    branch('submitted_day', 'submitted', '1', 'true'),
    branch('received_day', 'received', '1', 'received_day IS NOT NULL'),
    branch('received_day', 'digitised', '1', 'received_day IS NOT NULL AND is_digitised'),
    branch('received_day', 'reused', '1', 'received_day IS NOT NULL AND is_reused'),
    branch('refused_day', 'refused', '1', 'refused_day IS NOT NULL'),
    branch('completed_day', 'settled_early', '1', "timeliness = 'early'"),
    branch('completed_day', 'settled_on_time', '1', "timeliness = 'on_time'"),
    branch('completed_day', 'settled_late', '1', "timeliness = 'late'"),
    branch('completed_day', 'settled_withdrawn', '1', 'completed_day IS NOT NULL AND is_withdrawn'),
    branch(
      'completed_day',
      'settled_result',
      '1',
      'completed_day IS NOT NULL AND settlement_working_minutes IS NOT NULL',
    ),
    branch(
      'completed_day',
      'settlement_minutes',
      'settlement_working_minutes',
      'completed_day IS NOT NULL AND settlement_working_minutes IS NOT NULL',
    ),
    branch('supplement_day', 'supplement_requested', '1', 'supplement_day IS NOT NULL'),
    branch('rating_day', 'rated', '1', 'rating_day IS NOT NULL AND rating_score IS NOT NULL'),
    branch('rating_day', 'rated_low', '1', 'rating_day IS NOT NULL AND rating_score <= 2'),
    branch('rating_day', 'rating_sum', 'rating_score', 'rating_day IS NOT NULL AND rating_score IS NOT NULL'),
    `SELECT s.from_day, f.competent_unit_id, f.receiving_unit_id, f.procedure_code, f.field_code, f.level, f.channel, ${zero('overdue_from', '1').join(', ')}
       FROM report_overdue_span s JOIN report_dossier_fact f ON f.dossier_id = s.dossier_id`,
    `SELECT s.to_day, f.competent_unit_id, f.receiving_unit_id, f.procedure_code, f.field_code, f.level, f.channel, ${zero('overdue_to', '1').join(', ')}
       FROM report_overdue_span s JOIN report_dossier_fact f ON f.dossier_id = s.dossier_id WHERE s.to_day IS NOT NULL`,
  ];
  const dims = 'competent_unit_id, receiving_unit_id, procedure_code, field_code, level, channel';
  await sql
    .raw(
      `INSERT INTO report_daily (day, ${dims}, ${cols.join(', ')})
       SELECT day, ${dims}, ${cols.map((c) => `SUM(${c})`).join(', ')}
         FROM (${parts.join('\nUNION ALL\n')}) e
        GROUP BY day, ${dims}`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO report_monthly (month, ${dims}, ${cols.join(', ')})
       SELECT date_trunc('month', day)::date, ${dims}, ${cols.map((c) => `SUM(${c})`).join(', ')}
         FROM report_daily GROUP BY 1, ${dims}`,
    )
    .execute(db);
}

/** The step rollup from the control slips, and how many steps each fact has counted. */
export async function aggregateStepsFromHistory(db: DbExecutor): Promise<void> {
  await sql`
    INSERT INTO report_step_daily (day, unit_id, procedure_code, step_code, completed, late, elapsed_minutes)
    SELECT (s.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, s.unit_id, d.procedure_code, s.step_code,
           count(*), count(*) FILTER (WHERE s.due_at IS NOT NULL AND s.completed_at > s.due_at),
           COALESCE(SUM(GREATEST(0, round(EXTRACT(EPOCH FROM (s.completed_at - s.entered_at)) / 60))), 0)
      FROM dossier_step s JOIN dossier d ON d.id = s.dossier_id
     WHERE s.completed_at IS NOT NULL
     GROUP BY 1, 2, 3, 4`.execute(db);
  await sql`
    UPDATE report_dossier_fact f SET steps_counted = c.n
      FROM (SELECT dossier_id, count(*)::int AS n FROM dossier_step WHERE completed_at IS NOT NULL GROUP BY dossier_id) c
     WHERE c.dossier_id = f.dossier_id`.execute(db);
}

export async function analyzeStatistics(db: DbExecutor): Promise<void> {
  await sql`ANALYZE report_dossier_fact, report_overdue_span, report_daily, report_monthly, report_step_daily`.execute(
    db,
  );
}

/* ------------------------------------------------------------------ report sums */

/** Which dossiers a report covers: those a unit subtree settles, or those a one-stop section received. */
export type Scope =
  { kind: 'all' } | { kind: 'competent'; unitId: string } | { kind: 'receiving'; unitId: string };

export type GroupKey = 'total' | 'unit' | 'receiving_unit' | 'procedure' | 'field';

const KEY_EXPR: Record<GroupKey, string> = {
  total: "''",
  unit: 'competent_unit_id::text',
  receiving_unit: 'receiving_unit_id::text',
  procedure: 'procedure_code',
  field: "level || '|' || field_code",
};

export function scopeWhere(scope: Scope, alias = ''): RawBuilder<unknown> {
  const p = alias ? `${alias}.` : '';
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'competent':
      return sql`${sql.raw(`${p}competent_unit_id`)} IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${scope.unitId})`;
    case 'receiving':
      return sql`${sql.raw(`${p}receiving_unit_id`)} IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${scope.unitId})`;
  }
}

/** A summed quantity: a counter, or received split by national channel code. */
export type SumTerm = CounterName | 'receivedOnline' | 'receivedDirect';

function termExpr(t: SumTerm): string {
  if (t === 'receivedOnline') return "CASE WHEN channel IN ('online', 'chat') THEN received ELSE 0 END";
  if (t === 'receivedDirect') return "CASE WHEN channel IN ('counter', 'postal') THEN received ELSE 0 END";
  return COUNTER_COLUMNS[t];
}

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/**
 * Sums of counters over all days before each point (an exclusive day bound), per group:
 * result.get(key)[i][term]. Whole months come from report_monthly, the days of each point's own
 * month from report_daily, so a sum over five years reads about sixty rows per group.
 */
export async function prefixSums(
  db: DbExecutor,
  input: { scope: Scope; groupBy: GroupKey; points: readonly string[]; terms: readonly SumTerm[] },
): Promise<Map<string, Record<SumTerm, number>[]>> {
  const { points, terms } = input;
  if (points.length === 0) return new Map();
  const key = KEY_EXPR[input.groupBy];
  const monthStarts = points.map(monthStart);
  const maxMs = monthStarts.reduce((a, b) => (a > b ? a : b));
  const minMs = monthStarts.reduce((a, b) => (a < b ? a : b));
  const maxPoint = points.reduce((a, b) => (a > b ? a : b));
  const inner = terms.map((t, j) => `${termExpr(t)} AS t${j}`).join(', ');
  const sums: RawBuilder<unknown>[] = [];
  points.forEach((p, i) => {
    terms.forEach((_, j) => {
      sums.push(
        sql`COALESCE(SUM(${sql.raw(`t${j}`)}) FILTER (WHERE (src = 0 AND d < ${monthStarts[i]}::date) OR (src = 1 AND d >= ${monthStarts[i]}::date AND d < ${p}::date)), 0) AS ${sql.raw(`p${i}_t${j}`)}`,
      );
    });
  });
  const r = await sql<Record<string, string | number>>`
    SELECT key, ${sql.join(sums)}
      FROM (
        SELECT ${sql.raw(key)} AS key, month AS d, 0 AS src, ${sql.raw(inner)}
          FROM report_monthly WHERE ${scopeWhere(input.scope)} AND month < ${maxMs}::date
        UNION ALL
        SELECT ${sql.raw(key)} AS key, day AS d, 1 AS src, ${sql.raw(inner)}
          FROM report_daily WHERE ${scopeWhere(input.scope)} AND day >= ${minMs}::date AND day < ${maxPoint}::date
      ) x
     GROUP BY key`.execute(db);
  const out = new Map<string, Record<SumTerm, number>[]>();
  for (const row of r.rows) {
    const perPoint = points.map((_, i) => {
      const o = {} as Record<SumTerm, number>;
      terms.forEach((t, j) => {
        o[t] = Number(row[`p${i}T${j}`] ?? row[`p${i}_t${j}`] ?? 0);
      });
      return o;
    });
    out.set(String(row['key']), perPoint);
  }
  return out;
}

/**
 * Open, running dossiers due on `day` (today), per group: within time now, but counted overdue by
 * the spans of the end of the day (the report of a period that has not ended judges "now").
 */
export async function countRunningDueOn(
  db: DbExecutor,
  input: { scope: Scope; groupBy: GroupKey; dayStart: Date; dayEnd: Date },
): Promise<Map<string, number>> {
  const key = KEY_EXPR[input.groupBy];
  const r = await sql<{ key: string; n: number }>`
    SELECT ${sql.raw(key.replace(/\b(competent_unit_id|receiving_unit_id|procedure_code|field_code|level|channel)\b/g, 'f.$1'))} AS key, count(*)::int AS n
      FROM dossier d JOIN report_dossier_fact f ON f.dossier_id = d.id
     WHERE d.completed_at IS NULL AND d.received_at IS NOT NULL AND d.paused_at IS NULL
       AND d.due_at >= ${input.dayStart} AND d.due_at < ${input.dayEnd}
       AND ${scopeWhere(input.scope, 'f')}
     GROUP BY 1`.execute(db);
  return new Map(r.rows.map((x) => [String(x.key), Number(x.n)]));
}

/** Open running dossiers with a due date in [from, to) (dashboard: due within one working day). */
export async function countRunningDueBetween(
  db: DbExecutor,
  scope: Scope,
  from: Date,
  to: Date,
): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n
      FROM dossier d JOIN report_dossier_fact f ON f.dossier_id = d.id
     WHERE d.completed_at IS NULL AND d.received_at IS NOT NULL AND d.paused_at IS NULL
       AND d.due_at >= ${from} AND d.due_at < ${to} AND ${scopeWhere(scope, 'f')}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Settled counters by bucket (week or month) over [from, to]. */
export async function settledByBucket(
  db: DbExecutor,
  input: { scope: Scope; from: string; to: string; bucket: 'week' | 'month' },
) {
  const table = input.bucket === 'month' ? 'report_monthly' : 'report_daily';
  const dayCol = input.bucket === 'month' ? 'month' : 'day';
  const bucketExpr = input.bucket === 'month' ? 'month' : "date_trunc('week', day)::date";
  const from = input.bucket === 'month' ? monthStart(input.from) : input.from;
  const r = await sql<{ bucket: string; early: number; onTime: number; late: number; received: number }>`
    SELECT ${sql.raw(bucketExpr)} AS bucket,
           COALESCE(SUM(settled_early), 0)::bigint AS early, COALESCE(SUM(settled_on_time), 0)::bigint AS on_time,
           COALESCE(SUM(settled_late), 0)::bigint AS late, COALESCE(SUM(received), 0)::bigint AS received
      FROM ${sql.raw(table)}
     WHERE ${scopeWhere(input.scope)} AND ${sql.raw(dayCol)} >= ${from}::date AND ${sql.raw(dayCol)} <= ${input.to}::date
     GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows.map((x) => ({
    bucket: String(x.bucket),
    early: Number(x.early),
    onTime: Number(x.onTime),
    late: Number(x.late),
    received: Number(x.received),
  }));
}

/** Steps completed in [from, to] within the scope's units, per procedure and step. */
export async function stepTotals(
  db: DbExecutor,
  input: { scopeUnitId: string | null; from: string; to: string },
) {
  const scope =
    input.scopeUnitId === null
      ? sql`true`
      : sql`unit_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${input.scopeUnitId})`;
  const r = await sql<{
    procedureCode: string;
    stepCode: string;
    unitId: string;
    completed: number;
    late: number;
    elapsedMinutes: number;
  }>`
    SELECT procedure_code, step_code, unit_id, SUM(completed)::bigint AS completed, SUM(late)::bigint AS late,
           SUM(elapsed_minutes)::bigint AS elapsed_minutes
      FROM report_step_daily
     WHERE ${scope} AND day >= ${input.from}::date AND day <= ${input.to}::date
     GROUP BY 1, 2, 3`.execute(db);
  return r.rows.map((x) => ({
    procedureCode: x.procedureCode,
    stepCode: x.stepCode,
    unitId: x.unitId,
    completed: Number(x.completed),
    late: Number(x.late),
    elapsedMinutes: Number(x.elapsedMinutes),
  }));
}

/* ------------------------------------------------------------------ labels */

export async function findUnitsByIds(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'shortName', 'agencyCode', 'kind', 'parentId'])
    .where('id', 'in', [...ids])
    .execute();
}

export async function listAllUnits(db: DbExecutor) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'shortName', 'agencyCode', 'kind', 'parentId', 'validTo'])
    .orderBy('name')
    .execute();
}

export async function findUnitById(db: DbExecutor, id: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'shortName', 'agencyCode', 'kind', 'parentId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findRootProvince(db: DbExecutor) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'shortName', 'agencyCode', 'kind', 'parentId'])
    .where('kind', '=', 'province')
    .where('parentId', 'is', null)
    .orderBy('validFrom')
    .executeTakeFirst();
}

/** Units of the subtree of `unitId` (itself included). */
export async function listSubtreeUnits(db: DbExecutor, unitId: string) {
  return db
    .selectFrom('unitClosure as c')
    .innerJoin('unit as u', 'u.id', 'c.descendantId')
    .select(['u.id', 'u.name', 'u.shortName', 'u.agencyCode', 'u.kind', 'u.parentId', 'u.validTo', 'c.depth'])
    .where('c.ancestorId', '=', unitId)
    .execute();
}

/** Name and field of each procedure, from its latest published version. */
export async function procedureLabels(db: DbExecutor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  const r = await sql<{ code: string; name: string; fieldCode: string; fieldName: string; level: string }>`
    SELECT DISTINCT ON (p.code) p.code, v.name, v.field_code, v.field_name, v.level
      FROM procedure p JOIN procedure_version v ON v.procedure_id = p.id
     WHERE p.code = ANY(${[...codes]}::text[]) AND v.status = 'published'
     ORDER BY p.code, v.version_no DESC`.execute(db);
  return r.rows;
}

export async function fieldLabels(db: DbExecutor) {
  const r = await sql<{ fieldCode: string; fieldName: string }>`
    SELECT DISTINCT ON (field_code) field_code, field_name FROM procedure_version
     WHERE status = 'published' ORDER BY field_code, version_no DESC`.execute(db);
  return r.rows;
}

/** Procedures in force on `day` with their online service level, level and competent agency. */
export async function proceduresInForce(db: DbExecutor, day: string) {
  const r = await sql<{
    code: string;
    level: string;
    competentAgencyCode: string | null;
    onlineServiceLevel: string;
  }>`
    SELECT DISTINCT ON (p.code) p.code, v.level, v.competent_agency_code, v.online_service_level
      FROM procedure p JOIN procedure_version v ON v.procedure_id = p.id
     WHERE v.status = 'published' AND v.effective_from <= ${day}::date
       AND (v.effective_to IS NULL OR v.effective_to >= ${day}::date)
     ORDER BY p.code, v.effective_from DESC, v.version_no DESC`.execute(db);
  return r.rows;
}

/* ------------------------------------------------------------------ drill-down */

export type CellFilter =
  | { kind: 'received'; channels: readonly string[] | null; from: string; to: string }
  | { kind: 'carried_over'; from: string }
  | { kind: 'settled'; timeliness: string | null; from: string; to: string }
  | {
      kind: 'in_progress';
      asOf: string;
      overdue: boolean | null;
      /** The period has not ended: dossiers running and due on `asOf` are within time now. */
      dueToday: { start: Date; end: Date } | null;
    };

function cellWhere(c: CellFilter): RawBuilder<unknown> {
  switch (c.kind) {
    case 'received':
      return c.channels === null
        ? sql`f.received_day BETWEEN ${c.from}::date AND ${c.to}::date`
        : sql`f.received_day BETWEEN ${c.from}::date AND ${c.to}::date AND f.channel = ANY(${[...c.channels]}::text[])`;
    case 'carried_over':
      return sql`f.received_day < ${c.from}::date AND (f.completed_day IS NULL OR f.completed_day >= ${c.from}::date)`;
    case 'settled':
      return c.timeliness === null
        ? sql`f.completed_day BETWEEN ${c.from}::date AND ${c.to}::date`
        : sql`f.completed_day BETWEEN ${c.from}::date AND ${c.to}::date AND f.timeliness = ${c.timeliness}`;
    case 'in_progress': {
      const open = sql`f.received_day <= ${c.asOf}::date AND (f.completed_day IS NULL OR f.completed_day > ${c.asOf}::date)`;
      if (c.overdue === null) return open;
      const inSpan = sql`EXISTS (SELECT 1 FROM report_overdue_span s WHERE s.dossier_id = f.dossier_id
                           AND s.from_day <= ${c.asOf}::date AND (s.to_day IS NULL OR s.to_day > ${c.asOf}::date))`;
      const overdue = c.dueToday
        ? sql`${inSpan} AND NOT (d.paused_at IS NULL AND d.completed_at IS NULL AND d.due_at >= ${c.dueToday.start} AND d.due_at < ${c.dueToday.end})`
        : inSpan;
      return c.overdue ? sql`${open} AND ${overdue}` : sql`${open} AND NOT (${overdue})`;
    }
  }
}

export interface RowFilter {
  competentUnitId?: string;
  receivingUnitId?: string;
  procedureCode?: string;
  level?: string;
  fieldCode?: string;
}

function rowWhere(r: RowFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (r.competentUnitId) parts.push(sql`f.competent_unit_id = ${r.competentUnitId}`);
  if (r.receivingUnitId) parts.push(sql`f.receiving_unit_id = ${r.receivingUnitId}`);
  if (r.procedureCode) parts.push(sql`f.procedure_code = ${r.procedureCode}`);
  if (r.level) parts.push(sql`f.level = ${r.level}`);
  if (r.fieldCode) parts.push(sql`f.field_code = ${r.fieldCode}`);
  return sql.join(parts, sql` AND `);
}

export async function listCellDossiers(
  db: DbExecutor,
  input: { scope: Scope; cells: readonly CellFilter[]; row: RowFilter; limit: number; offset: number },
) {
  const cells = input.cells.map((c) => sql`(${cellWhere(c)})`);
  const where = sql`${scopeWhere(input.scope, 'f')} AND ${rowWhere(input.row)} AND (${sql.join(cells, sql` OR `)})`;
  const rows = await sql<{
    code: string;
    procedureCode: string;
    procedureName: string;
    applicantName: string;
    channel: string;
    status: string;
    receivedAt: Date | null;
    dueAt: Date | null;
    completedAt: Date | null;
    pausedAt: Date | null;
    timeliness: string | null;
    isWithdrawn: boolean;
    competentUnitName: string;
    receivingUnitName: string;
    total: number;
  }>`
    SELECT d.code, d.procedure_code, pv.name AS procedure_name, d.applicant_name, d.channel, d.status,
           d.received_at, d.due_at, d.completed_at, d.paused_at, f.timeliness, f.is_withdrawn,
           cu.name AS competent_unit_name, ru.name AS receiving_unit_name,
           count(*) OVER ()::int AS total
      FROM report_dossier_fact f
      JOIN dossier d ON d.id = f.dossier_id
      JOIN procedure_version pv ON pv.id = d.procedure_version_id
      JOIN unit cu ON cu.id = f.competent_unit_id
      JOIN unit ru ON ru.id = f.receiving_unit_id
     WHERE ${where}
     ORDER BY f.received_day DESC, d.code DESC
     LIMIT ${input.limit} OFFSET ${input.offset}`.execute(db);
  return rows.rows;
}

/* ------------------------------------------------------------------ boundaries */

export async function findBoundaries(db: DbExecutor) {
  return db.selectFrom('mapBoundary').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function saveBoundaries(
  db: DbExecutor,
  row: {
    geojson: unknown;
    featureCount: number;
    sourceName: string;
    uploadedAt: Date;
    uploadedBy: string | null;
  },
): Promise<void> {
  const values = {
    id: 1,
    geojson: JSON.stringify(row.geojson),
    featureCount: row.featureCount,
    sourceName: row.sourceName,
    uploadedAt: row.uploadedAt,
    uploadedBy: row.uploadedBy,
  };
  await db
    .insertInto('mapBoundary')
    .values(values)
    .onConflict((oc) =>
      oc.constraint('map_boundary_pk').doUpdateSet({
        geojson: values.geojson,
        featureCount: values.featureCount,
        sourceName: values.sourceName,
        uploadedAt: values.uploadedAt,
        uploadedBy: values.uploadedBy,
      }),
    )
    .execute();
}

export async function deleteBoundaries(db: DbExecutor): Promise<boolean> {
  const r = await db.deleteFrom('mapBoundary').where('id', '=', 1).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/* ------------------------------------------------------------------ authorisation */

/** Units where the officer holds one of the roles now (their subtrees are the report scope). */
export async function reportGrantUnits(
  db: DbExecutor,
  officerId: string,
  roles: readonly string[],
  now: Date,
) {
  return db
    .selectFrom('officerRole as r')
    .innerJoin('unit as u', 'u.id', 'r.unitId')
    .select(['u.id', 'u.name', 'u.shortName', 'u.agencyCode', 'u.kind', 'u.parentId', 'r.role'])
    .where('r.officerId', '=', officerId)
    .where('r.role', 'in', [...roles])
    .where('r.validFrom', '<=', now)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', now)]))
    .execute();
}

export async function isDescendantOf(
  db: DbExecutor,
  ancestorIds: readonly string[],
  unitId: string,
): Promise<boolean> {
  if (ancestorIds.length === 0) return false;
  const row = await db
    .selectFrom('unitClosure')
    .select('descendantId')
    .where('ancestorId', 'in', [...ancestorIds])
    .where('descendantId', '=', unitId)
    .executeTakeFirst();
  return row !== undefined;
}
