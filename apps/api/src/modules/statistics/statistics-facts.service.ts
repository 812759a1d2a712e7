import crypto from 'node:crypto';
import {
  counterDelta,
  monthStartOf,
  reportFactsOf,
  toLocalDate,
  type CounterEntry,
  type DossierReportFacts,
  type DossierStatus,
  type ReportSource,
  type SettlementKind,
  type Timeliness,
  type WorkingCalendar,
  type Channel,
  type ReportDeadline,
} from '@motcua/domain';
import type { DbExecutor, DbTransaction } from '../../db/database.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { getCalendar } from '../calendar/calendar.service.ts';
import {
  addToRollups,
  ROLLUP_STRIPES,
  addToStepRollup,
  aggregateRollupsFromFacts,
  aggregateStepsFromHistory,
  analyzeStatistics,
  clearRollups,
  countFacts,
  clearStatistics,
  disableJitForTransaction,
  deleteSpans,
  findFact,
  insertSpans,
  listCompletedSteps,
  listReceivingUnitIds,
  loadReportSource,
  loadReportSourceBatch,
  upsertFacts,
  type FactDimensions,
  type FactRow,
  type ReportSourceRow,
  type RollupDeltaRow,
  type SpanRow,
  type StepDeltaRow,
} from './statistics.repository.ts';

/**
 * Keeps the statistics exact (docs/adr/0010-statistics-rollup.md):
 * - `refreshDossierStatistics` runs inside the transaction of every change of a dossier (intake,
 *   transition, rating): it recomputes the dossier's report facts with the domain definitions and
 *   adds the difference of their counters to the daily and monthly rollups, and the steps it
 *   completed to the step rollup.
 * - `rebuildStatistics` recomputes everything from the dossiers, for bulk loaders (demo seed,
 *   dataset generator, legacy import) that write dossiers directly.
 * Both use `reportFactsOf`, so an incremental rollup equals a rebuilt one.
 */

function toSource(row: ReportSourceRow): ReportSource {
  return {
    channel: row.channel as Channel,
    status: row.status as DossierStatus,
    submittedAt: row.submittedAt,
    receivedAt: row.receivedAt,
    completedAt: row.completedAt,
    dueAt: row.dueAt,
    deadline: row.deadline as ReportDeadline | null,
    supplementCount: row.supplementCount,
    isObligationTimeExcluded: row.isObligationTimeExcluded,
    history: row.history.map(([action, fromStatus, toStatus, at]) => ({
      action,
      fromStatus: fromStatus as DossierStatus | null,
      toStatus: toStatus as DossierStatus,
      occurredAt: new Date(at),
    })),
    hasComponentFile: row.hasComponentFile,
    hasResultFile: row.hasResultFile,
    isResultPaperRequired: row.isResultPaperRequired,
    hasReusedComponent: row.hasReusedComponent,
    rating:
      row.ratedAt && row.ratingScore !== null
        ? { ratedAt: row.ratedAt, score: Number(row.ratingScore) }
        : null,
  };
}

function dimensionsOf(row: FactDimensions): FactDimensions {
  return {
    competentUnitId: row.competentUnitId,
    receivingUnitId: row.receivingUnitId,
    procedureCode: row.procedureCode,
    fieldCode: row.fieldCode,
    level: row.level,
    channel: row.channel,
  };
}

function sameDimensions(a: FactDimensions, b: FactDimensions): boolean {
  return (
    a.competentUnitId === b.competentUnitId &&
    a.receivingUnitId === b.receivingUnitId &&
    a.procedureCode === b.procedureCode &&
    a.fieldCode === b.fieldCode &&
    a.level === b.level &&
    a.channel === b.channel
  );
}

function toFactRow(
  dossierId: string,
  dims: FactDimensions,
  f: DossierReportFacts,
  stepsCounted: number,
  now: Date,
): FactRow {
  return {
    dossierId,
    ...dims,
    submittedDay: f.submittedDay,
    receivedDay: f.receivedDay,
    refusedDay: f.refusedDay,
    completedDay: f.completedDay,
    timeliness: f.timeliness,
    settlementKind: f.settlementKind,
    isWithdrawn: f.isWithdrawn,
    settlementWorkingMinutes: f.settlementWorkingMinutes,
    supplementDay: f.supplementDay,
    isDigitised: f.isDigitised,
    isReused: f.isReused,
    ratingDay: f.ratingDay,
    ratingScore: f.ratingScore,
    stepsCounted,
    computedAt: now,
  };
}

/** The stored facts as the domain type (to subtract their counters). */
function fromFactRow(row: FactRow, spans: readonly SpanRow[]): DossierReportFacts {
  return {
    submittedDay: row.submittedDay,
    receivedDay: row.receivedDay,
    refusedDay: row.refusedDay,
    completedDay: row.completedDay,
    timeliness: row.timeliness as Timeliness | null,
    settlementKind: row.settlementKind as SettlementKind | null,
    isWithdrawn: row.isWithdrawn,
    settlementWorkingMinutes: row.settlementWorkingMinutes,
    supplementDay: row.supplementDay,
    isDigitised: row.isDigitised,
    isReused: row.isReused,
    ratingDay: row.ratingDay,
    ratingScore: row.ratingScore === null ? null : Number(row.ratingScore),
    overdueSpans: spans.map((s) => ({ from: s.fromDay, to: s.toDay })),
  };
}

/** Groups signed counter entries into daily and monthly rollup rows (sorted: fixed lock order). */
function rollupRows(
  dims: FactDimensions,
  entries: readonly CounterEntry[],
): { daily: RollupDeltaRow[]; monthly: RollupDeltaRow[] } {
  const group = (dayOf: (day: string) => string): RollupDeltaRow[] => {
    const byDay = new Map<string, RollupDeltaRow>();
    for (const e of entries) {
      const day = dayOf(e.day);
      let row = byDay.get(day);
      if (!row) {
        row = { ...dims, day, values: {} };
        byDay.set(day, row);
      }
      row.values[e.counter] = (row.values[e.counter] ?? 0) + e.value;
    }
    return [...byDay.values()]
      .filter((r) => Object.values(r.values).some((v) => v !== 0))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  };
  return { daily: group((d) => d), monthly: group(monthStartOf) };
}

function rollupKey(r: RollupDeltaRow): string {
  return [r.day, r.competentUnitId, r.receivingUnitId, r.procedureCode, r.fieldCode, r.level, r.channel].join(
    '|',
  );
}

/** Rollup rows of several dimension sets in the writers' one lock order: day, then dimensions. */
export function inKeyOrder(rows: readonly RollupDeltaRow[]): RollupDeltaRow[] {
  return [...rows].sort((a, b) => {
    const ka = rollupKey(a);
    const kb = rollupKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function negate(entries: readonly CounterEntry[]): CounterEntry[] {
  return entries.map((e) => ({ ...e, value: -e.value }));
}

function sameSpans(a: readonly SpanRow[], b: DossierReportFacts['overdueSpans']): boolean {
  return (
    a.length === b.length && a.every((s, i) => s.fromDay === b[i]?.from && s.toDay === (b[i]?.to ?? null))
  );
}

/**
 * Recomputes one dossier's report facts inside the caller's transaction and moves the rollups by
 * the difference. `calendar` is the receiving unit's working calendar (the one its deadline uses),
 * loaded by the caller before the transaction (no query may use the root handle inside it).
 */
/** The dimensions of a fact and of its rollup rows, for importers that compute facts themselves. */
export type { FactDimensions };

export async function refreshDossierStatistics(
  trx: DbTransaction,
  input: {
    dossierId: string;
    calendar: WorkingCalendar;
    now: Date;
    /** Created in this transaction: it has no fact row and no completed step yet (not read). */
    isNew?: boolean;
  },
): Promise<void> {
  const source = await loadReportSource(trx, input.dossierId);
  if (!source) return;
  const dims = dimensionsOf(source);
  const facts = reportFactsOf(toSource(source), input.calendar);
  const stored = input.isNew ? undefined : await findFact(trx, input.dossierId);
  // Steps complete in order and are never reopened: the ones after `stepsCounted` are new.
  const steps = input.isNew ? [] : await listCompletedSteps(trx, input.dossierId);
  const counted = stored?.fact.stepsCounted ?? 0;
  const fresh = steps.slice(counted);
  const byKey = new Map<string, StepDeltaRow>();
  for (const s of fresh) {
    if (!s.completedAt) continue;
    const day = toLocalDate(s.completedAt);
    const key = `${day}|${s.unitId}|${s.stepCode}`;
    const row = byKey.get(key) ?? {
      day,
      unitId: s.unitId,
      procedureCode: source.procedureCode,
      stepCode: s.stepCode,
      completed: 0,
      late: 0,
      elapsedMinutes: 0,
    };
    row.completed += 1;
    if (s.dueAt && s.completedAt.getTime() > s.dueAt.getTime()) row.late += 1;
    row.elapsedMinutes += Math.max(0, Math.round((s.completedAt.getTime() - s.enteredAt.getTime()) / 60_000));
    byKey.set(key, row);
  }

  await upsertFacts(trx, [toFactRow(input.dossierId, dims, facts, steps.length, input.now)]);
  if (!stored || !sameSpans(stored.spans, facts.overdueSpans)) {
    if (stored) await deleteSpans(trx, input.dossierId);
    await insertSpans(
      trx,
      facts.overdueSpans.map((s) => ({ dossierId: input.dossierId, fromDay: s.from, toDay: s.to })),
    );
  }

  // The rollup rows are shared by other dossiers' transactions and stay locked until commit: they
  // are written last, in one table order (daily, monthly, steps) and key order (no deadlocks).
  // One stripe for this transaction's rollup rows (ROLLUP_STRIPES).
  const stripe = crypto.randomInt(ROLLUP_STRIPES);
  const before = stored ? fromFactRow(stored.fact, stored.spans) : null;
  if (stored && before && !sameDimensions(stored.fact, dims)) {
    // The dossier moved to other dimensions (a transfer of the competent unit, say): its old
    // counters leave the old groups and its new ones join the new groups, in one statement per
    // table and in one key order with every other writer (day, then the dimensions).
    const removed = rollupRows(dimensionsOf(stored.fact), negate(counterDelta(null, before)));
    const added = rollupRows(dims, counterDelta(null, facts));
    await addToRollups(
      trx,
      inKeyOrder([...removed.daily, ...added.daily]),
      inKeyOrder([...removed.monthly, ...added.monthly]),
      stripe,
    );
  } else {
    const { daily, monthly } = rollupRows(dims, counterDelta(before, facts));
    await addToRollups(trx, daily, monthly, stripe);
  }
  if (byKey.size > 0) {
    await addToStepRollup(
      trx,
      [...byKey.values()].sort((a, b) =>
        `${a.day}|${a.unitId}|${a.stepCode}` < `${b.day}|${b.unitId}|${b.stepCode}` ? -1 : 1,
      ),
    );
  }
}

export interface RebuildReport {
  dossiers: number;
  seconds: number;
}

const REBUILD_BATCH = 5000;

/** The rollups summed from the stored facts, the step rollups from the completed steps. */
async function rollUpFacts(trx: DbExecutor): Promise<void> {
  await aggregateRollupsFromFacts(trx);
  await aggregateStepsFromHistory(trx);
}

async function rebuildIn(
  trx: DbExecutor,
  calendars: ReadonlyMap<string, WorkingCalendar>,
  fallback: WorkingCalendar,
  now: Date,
  log: (message: string) => void,
): Promise<number> {
  await disableJitForTransaction(trx);
  await clearStatistics(trx);
  let after: string | null = null;
  let total = 0;
  let lastLogged = 0;
  for (;;) {
    const batch = await loadReportSourceBatch(trx, after, REBUILD_BATCH);
    if (batch.length === 0) break;
    const facts: FactRow[] = [];
    const spans: SpanRow[] = [];
    for (const row of batch) {
      const calendar = calendars.get(row.receivingUnitId) ?? fallback;
      const f = reportFactsOf(toSource(row), calendar);
      facts.push(toFactRow(row.id, dimensionsOf(row), f, 0, now));
      for (const s of f.overdueSpans) spans.push({ dossierId: row.id, fromDay: s.from, toDay: s.to });
    }
    await upsertFacts(trx, facts);
    await insertSpans(trx, spans);
    total += batch.length;
    after = batch[batch.length - 1]?.id ?? null;
    if (total - lastLogged >= 100_000) {
      lastLogged = total;
      log(`statistics: facts of ${total} dossiers`);
    }
  }
  await rollUpFacts(trx);
  return total;
}

/**
 * The second half of `rebuildStatistics`, for a bulk loader that computed every dossier's facts
 * itself and wrote them (the dataset generator, which computes them once per template dossier):
 * the rollups summed from the stored facts and the step rollups from the completed steps, in one
 * transaction. The facts are then exactly those of a rebuild (`generate-dataset.test.ts`).
 */
export async function rollUpStoredFacts(
  ctx: AppContext,
  options: { log?: (message: string) => void } = {},
): Promise<RebuildReport> {
  const started = Date.now();
  const dossiers = await ctx.db.transaction().execute(async (trx) => {
    await disableJitForTransaction(trx);
    await clearRollups(trx);
    await rollUpFacts(trx);
    return countFacts(trx);
  });
  await analyzeStatistics(ctx.db);
  const seconds = (Date.now() - started) / 1000;
  options.log?.(`statistics rolled up from the facts of ${dossiers} dossiers in ${seconds.toFixed(1)} s`);
  return { dossiers, seconds };
}

/**
 * Recomputes every report fact and rollup from the dossiers, in one transaction (reports keep
 * answering from the old numbers until it commits). Call it after writing dossiers directly
 * (COPY/INSERT): the demo seed, `motcua generate-dataset`, the legacy import.
 */
export async function rebuildStatistics(
  ctx: AppContext,
  options: { log?: (message: string) => void } = {},
): Promise<RebuildReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const calendars = new Map<string, WorkingCalendar>();
  for (const unitId of await listReceivingUnitIds(ctx.db))
    calendars.set(unitId, await getCalendar(ctx, unitId));
  const fallback = await getCalendar(ctx);
  const now = ctx.clock();
  const dossiers = await ctx.db.transaction().execute((trx) => rebuildIn(trx, calendars, fallback, now, log));
  await analyzeStatistics(ctx.db);
  const seconds = (Date.now() - started) / 1000;
  log(`statistics rebuilt from ${dossiers} dossiers in ${seconds.toFixed(1)} s`);
  return { dossiers, seconds };
}
