import {
  Channel,
  WORKING_HOURS_PER_DAY,
  addLocalDays,
  evaluate766,
  formatPeriod,
  onTimeRate,
  periodBuckets,
  rateClassOf,
  ratioPercent,
  startOfLocalDay,
  toLocalDate,
  type II06aCounts,
  type Indicator766Id,
  type Indicator766Input,
  type ReportPeriod,
} from '@motcua/domain';
import type { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getCalendar } from '../calendar/calendar.service.ts';
import { dayTotalsByChannel, procedureStepNames, ratingCounts } from './statistics-dashboard.repository.ts';
import { rebuildStatistics } from './statistics-facts.service.ts';
import {
  countRunningDueBetween,
  findRootProvince,
  findUnitById,
  findUnitsByIds,
  listSubtreeUnits,
  prefixSums,
  procedureLabels,
  proceduresInForce,
  stepTotals,
  type Scope,
  type SumTerm,
} from './statistics.repository.ts';
import type {
  Dashboard,
  DashboardQuery,
  Indicator766Query,
  Indicators766,
  PublicPeriodQuery,
  RebuildResult,
  ReportUnit,
  Transparency,
} from './statistics.schemas.ts';
import {
  computeCounts,
  effectivePeriod,
  isEmptyCounts,
  resolveScope,
  sumGroupCounts,
  type EffectivePeriod,
  type GroupCounts,
  toReportUnit,
} from './statistics.service.ts';

/**
 * Leaders' overview, the public transparency page, the Decision 766 indicators and the rebuild
 * of the statistics (issue 4). Every number is a sum of the same exact rollups as Biểu II.06a
 * (`computeCounts`, `prefixSums`; docs/adr/0010-statistics-rollup.md) under the definitions of
 * docs/adr/0009-report-definitions.md, so a dashboard tile equals the report cell of the same
 * scope and period:
 * - on-time rate = (8 + 9) / 7; trend points are the report of each week (from Monday) or
 *   calendar month of the period, cut to it;
 * - overdue now / in progress now = columns 13 / 11 of today's report (a dossier due today is still
 *   within time; a paused dossier is within time);
 * - due within one working day = running (not paused) open dossiers whose due day is today or the
 *   next working day (date granularity, like the report);
 * - supplement rate = dossiers whose supplement request was made in the period / column 3;
 *   refusal rate = refused at intake / (refused + received) in the period; online rate =
 *   4 / (4 + 5); average settlement time = working minutes from receipt to result (paused time
 *   excluded) / dossiers settled with a result, in working days of 8 hours;
 * - satisfaction: ratings given in the period (1–5); satisfied = 4 or 5, unsatisfied = 1 or 2.
 * An indicator the data cannot compute is null, with the reason in Vietnamese.
 */

type DashboardQueryInput = z.infer<typeof DashboardQuery>;
type Indicator766QueryInput = z.infer<typeof Indicator766Query>;
type PublicPeriodQueryInput = z.infer<typeof PublicPeriodQuery>;
type TrendPoint = Dashboard['weekly'][number];
type RankedUnit = Transparency['agencies'][number];
type Evaluation = Indicators766['evaluation'];

/** At most this many weeks (the last ones of the period) in the weekly trend. */
const WEEKLY_POINTS = 53;
/** At most this many months (five years) in the monthly trend. */
const MONTHLY_POINTS = 60;
/** Rows of the "slowest" lists. */
const SLOWEST_LIMIT = 10;
const MINUTES_PER_WORKING_DAY = WORKING_HOURS_PER_DAY * 60;

function round2(value: number): number {
  return Math.round(value * 100 + Number.EPSILON * 100) / 100;
}

function quotient(numerator: number, denominator: number, divisor = 1): number | null {
  return denominator === 0 ? null : round2(numerator / denominator / divisor);
}

/** Received in the period (columns 4 + 5). */
function receivedInPeriod(c: II06aCounts): number {
  return c.receivedOnline + c.receivedDirect;
}

/**
 * The period of a dashboard: the one asked for, else this year to date (`from` alone runs to
 * today; `to` alone starts on the first of January of its year).
 */
function dashboardPeriod(from: string | undefined, to: string | undefined, now: Date): EffectivePeriod {
  const today = toLocalDate(now);
  const end = to ?? today;
  const start = from ?? `${(end < today ? end : today).slice(0, 4)}-01-01`;
  return effectivePeriod(start, end, now);
}

/* ------------------------------------------------------------------ trends */

const TREND_TERMS = [
  'settledEarly',
  'settledOnTime',
  'settledLate',
  'receivedOnline',
  'receivedDirect',
] as const satisfies readonly SumTerm[];

/**
 * The weekly and monthly on-time trend of a period: for each bucket the II.06a columns 7, 8 + 9 and
 * 4 + 5, as differences of the rollup's prefix sums at the bucket bounds (one query for both).
 */
async function trends(
  ctx: AppContext,
  scope: Scope,
  period: ReportPeriod,
): Promise<{ weekly: TrendPoint[]; monthly: TrendPoint[] }> {
  const weeks = periodBuckets(period, 'week').slice(-WEEKLY_POINTS);
  const months = periodBuckets(period, 'month').slice(-MONTHLY_POINTS);
  const points = [...new Set([...weeks, ...months].flatMap((b) => [b.from, addLocalDays(b.to, 1)]))].sort();
  const sums = await prefixSums(ctx.db, { scope, groupBy: 'total', points, terms: TREND_TERMS });
  const index = new Map(points.map((p, i) => [p, i]));
  const perPoint = sums.get('');
  const at = (point: string, term: (typeof TREND_TERMS)[number]): number =>
    perPoint?.[index.get(point) ?? -1]?.[term] ?? 0;
  const trendPoint = (b: ReportPeriod): TrendPoint => {
    const end = addLocalDays(b.to, 1);
    const diff = (term: (typeof TREND_TERMS)[number]): number => at(end, term) - at(b.from, term);
    const early = diff('settledEarly');
    const onTime = diff('settledOnTime');
    const settled = early + onTime + diff('settledLate');
    return {
      from: b.from,
      to: b.to,
      settled,
      onTime: early + onTime,
      onTimeRate: ratioPercent(early + onTime, settled),
      received: diff('receivedOnline') + diff('receivedDirect'),
    };
  };
  return { weekly: weeks.map(trendPoint), monthly: months.map(trendPoint) };
}

/* ------------------------------------------------------------------ units under a unit */

interface ChildGroup {
  unit: ReportUnit;
  group: GroupCounts;
  /** The child and its descendants. */
  unitIds: Set<string>;
  agencyCodes: Set<string>;
  hasCommune: boolean;
}

/**
 * The groups of a report by unit (competent or receiving) summed per child of `parentId` (each
 * child with its subtree); the parent's own dossiers form a row of their own. Dissolved units are
 * kept only when they have dossiers in the period.
 */
async function childGroups(
  ctx: AppContext,
  parentId: string,
  groups: ReadonlyMap<string, GroupCounts>,
): Promise<ChildGroup[]> {
  const units = await listSubtreeUnits(ctx.db, parentId);
  const byId = new Map(units.map((u) => [u.id, u]));
  const topOf = (id: string): string | null => {
    let u = byId.get(id);
    while (u && u.id !== parentId && u.parentId !== parentId)
      u = u.parentId ? byId.get(u.parentId) : undefined;
    return u ? u.id : null;
  };
  const members = new Map<string, string[]>();
  for (const u of units) {
    const top = topOf(u.id);
    if (top === null) continue;
    const list = members.get(top) ?? [];
    list.push(u.id);
    members.set(top, list);
  }
  const out: ChildGroup[] = [];
  for (const [topId, ids] of members) {
    const top = byId.get(topId);
    if (!top) continue;
    // The parent's row holds only its own dossiers (its children have rows of their own).
    const own = topId === parentId ? [parentId] : ids;
    const group = sumGroupCounts(own.flatMap((id) => groups.get(id) ?? []));
    const isEmpty = isEmptyCounts(group.counts);
    if (topId === parentId && isEmpty) continue;
    if (isEmpty && (top.validTo !== null || top.kind === 'one_stop_section')) continue;
    const subtree = own.map((id) => byId.get(id)).filter((u) => u !== undefined);
    out.push({
      unit: toReportUnit(top),
      group,
      unitIds: new Set(own),
      agencyCodes: new Set(subtree.map((u) => u.agencyCode)),
      hasCommune: subtree.some((u) => u.kind === 'commune'),
    });
  }
  return out.sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));
}

/** Ranked by on-time rate (ties share a rank; no settled dossier: no rank). */
function rankUnits(rows: readonly { unit: ReportUnit; counts: II06aCounts }[]): RankedUnit[] {
  const ranked = rows.map((r) => {
    const rate = onTimeRate(r.counts);
    return { unit: r.unit, counts: r.counts, onTimeRate: rate, rateClass: rateClassOf(rate), rank: null };
  });
  ranked.sort(
    (a, b) =>
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      b.counts.settledTotal - a.counts.settledTotal ||
      a.unit.name.localeCompare(b.unit.name, 'vi'),
  );
  return ranked.map((r): RankedUnit => {
    const rate = r.onTimeRate;
    if (rate === null) return r;
    return { ...r, rank: 1 + ranked.filter((x) => x.onTimeRate !== null && x.onTimeRate > rate).length };
  });
}

/* ------------------------------------------------------------------ dashboard */

/** Leaders' overview of a unit subtree (leaders, supervisors, division heads). */
export async function getDashboard(
  ctx: AppContext,
  actor: Actor,
  query: DashboardQueryInput,
): Promise<Dashboard> {
  const { scope, unit } = await resolveScope(ctx, actor, query.unitId);
  const now = ctx.clock();
  const eff = dashboardPeriod(query.from, query.to, now);
  const { today } = eff;

  // Now: today's report (columns 11 and 13 judged now) and today's rollup row by channel.
  const todayGroups = await computeCounts(ctx, {
    scope,
    groupBy: 'total',
    eff: effectivePeriod(today, today, now),
  });
  const todayCounts = sumGroupCounts(todayGroups.values()).counts;
  const receivedByChannel: Record<string, number> = Object.fromEntries(Channel.options.map((c) => [c, 0]));
  let submittedOnline = 0;
  for (const row of await dayTotalsByChannel(ctx.db, { scope, day: today })) {
    receivedByChannel[row.channel] = (receivedByChannel[row.channel] ?? 0) + row.received;
    if (row.channel === 'online' || row.channel === 'chat') submittedOnline += row.submitted;
  }
  const calendar = await getCalendar(ctx, unit?.id ?? null);
  const dueWithinOneWorkingDay = await countRunningDueBetween(
    ctx.db,
    scope,
    startOfLocalDay(today),
    startOfLocalDay(addLocalDays(calendar.nextWorkingDay(today), 1)),
  );

  // The period: II.06a counts with the other counters, by procedure for the slowest ones.
  const byProcedure = await computeCounts(ctx, { scope, groupBy: 'procedure', eff, withExtras: true });
  const { counts, extras } = sumGroupCounts(byProcedure.values());
  const { from, to } = eff.period;
  const ratings = await ratingCounts(ctx.db, {
    scope,
    from,
    to,
    startAt: startOfLocalDay(from),
    endAt: startOfLocalDay(addLocalDays(to, 1)),
  });
  const { weekly, monthly } = await trends(ctx, scope, eff.period);

  return {
    unit,
    now: now.toISOString(),
    today: {
      date: today,
      receivedByChannel,
      submittedOnline,
      settled: todayCounts.settledTotal,
    },
    overdueNow: todayCounts.inProgressOverdue,
    dueWithinOneWorkingDay,
    inProgress: todayCounts.inProgressTotal,
    period: eff.period,
    counts,
    onTimeRate: onTimeRate(counts),
    rates: {
      supplement: ratioPercent(extras.supplementRequested, counts.receivedTotal),
      refusal: ratioPercent(extras.refused, extras.refused + receivedInPeriod(counts)),
      online: ratioPercent(counts.receivedOnline, receivedInPeriod(counts)),
      averageSettlementDays: quotient(
        extras.settlementMinutes,
        extras.settledResult,
        MINUTES_PER_WORKING_DAY,
      ),
    },
    satisfaction: {
      ratings: extras.rated,
      average: quotient(extras.ratingSum, extras.rated),
      satisfiedRate: ratioPercent(ratings.satisfied, extras.rated),
      unsatisfiedRate: ratioPercent(extras.ratedLow, extras.rated),
    },
    weekly,
    monthly,
    slowestProcedures: await slowestProcedures(ctx, byProcedure),
    slowestSteps: await slowestSteps(ctx, scope, eff.period),
  };
}

/** Procedures with dossiers settled in the period, the highest late share (10 / 7) first. */
async function slowestProcedures(
  ctx: AppContext,
  byProcedure: ReadonlyMap<string, GroupCounts>,
): Promise<Dashboard['slowestProcedures']> {
  const settled = [...byProcedure.entries()].filter(([, g]) => g.counts.settledTotal > 0);
  const names = new Map(
    (
      await procedureLabels(
        ctx.db,
        settled.map(([code]) => code),
      )
    ).map((p) => [p.code, p.name]),
  );
  return settled
    .map(([code, g]) => ({
      procedureCode: code,
      name: names.get(code) ?? code,
      settled: g.counts.settledTotal,
      late: g.counts.settledLate,
      lateRate: ratioPercent(g.counts.settledLate, g.counts.settledTotal),
      averageDays: quotient(g.extras.settlementMinutes, g.extras.settledResult, MINUTES_PER_WORKING_DAY),
    }))
    .sort(
      (a, b) =>
        (b.lateRate ?? -1) - (a.lateRate ?? -1) ||
        b.late - a.late ||
        (b.averageDays ?? -1) - (a.averageDays ?? -1) ||
        a.procedureCode.localeCompare(b.procedureCode),
    )
    .slice(0, SLOWEST_LIMIT);
}

/**
 * Internal steps completed in the period by the units of the scope (step rollup), the highest
 * share finished after the step's due time first; average elapsed hours from entering to completing.
 */
async function slowestSteps(
  ctx: AppContext,
  scope: Scope,
  period: ReportPeriod,
): Promise<Dashboard['slowestSteps']> {
  const rows = (
    await stepTotals(ctx.db, {
      scopeUnitId: scope.kind === 'all' ? null : scope.unitId,
      from: period.from,
      to: period.to,
    })
  ).filter((r) => r.completed > 0);
  const codes = [...new Set(rows.map((r) => r.procedureCode))];
  const procedures = new Map((await procedureLabels(ctx.db, codes)).map((p) => [p.code, p.name]));
  const steps = new Map(
    (await procedureStepNames(ctx.db, codes)).map((s) => [`${s.code}|${s.stepCode}`, s.stepName]),
  );
  const units = new Map(
    (await findUnitsByIds(ctx.db, [...new Set(rows.map((r) => r.unitId))])).map((u) => [u.id, u.name]),
  );
  return rows
    .map((r) => ({
      procedureCode: r.procedureCode,
      procedureName: procedures.get(r.procedureCode) ?? r.procedureCode,
      stepCode: r.stepCode,
      stepName: steps.get(`${r.procedureCode}|${r.stepCode}`) ?? r.stepCode,
      unitName: units.get(r.unitId) ?? r.unitId,
      completed: r.completed,
      late: r.late,
      lateRate: ratioPercent(r.late, r.completed),
      averageHours: quotient(r.elapsedMinutes, r.completed, 60),
    }))
    .sort(
      (a, b) =>
        (b.lateRate ?? -1) - (a.lateRate ?? -1) ||
        b.late - a.late ||
        (b.averageHours ?? -1) - (a.averageHours ?? -1) ||
        `${a.procedureCode}|${a.stepCode}|${a.unitName}`.localeCompare(
          `${b.procedureCode}|${b.stepCode}|${b.unitName}`,
        ),
    )
    .slice(0, SLOWEST_LIMIT);
}

/* ------------------------------------------------------------------ transparency */

/**
 * The public transparency page of the province (root unit subtree): totals, online rate,
 * satisfaction, the monthly trend and the agencies and communes ranked by on-time rate. Only
 * counts and unit names: no dossier, applicant or officer appears.
 */
export async function getTransparency(ctx: AppContext, query: PublicPeriodQueryInput): Promise<Transparency> {
  const root = await findRootProvince(ctx.db);
  if (!root) throw new AppError('UNIT_NOT_FOUND', 'Chưa có đơn vị cấp tỉnh / No province unit');
  const now = ctx.clock();
  const eff = dashboardPeriod(query.from, query.to, now);
  const scope: Scope = { kind: 'competent', unitId: root.id };
  const byUnit = await computeCounts(ctx, { scope, groupBy: 'unit', eff, withExtras: true });
  const { counts, extras } = sumGroupCounts(byUnit.values());
  const children = await childGroups(ctx, root.id, byUnit);
  const rows = children.map((c) => ({ unit: c.unit, counts: c.group.counts }));
  const { monthly } = await trends(ctx, scope, eff.period);
  return {
    provinceName: root.name,
    period: eff.period,
    periodText: formatPeriod(eff.period),
    isPartial: eff.isPartial,
    total: { counts, onTimeRate: onTimeRate(counts) },
    onlineRate: ratioPercent(counts.receivedOnline, receivedInPeriod(counts)),
    satisfaction: { ratings: extras.rated, average: quotient(extras.ratingSum, extras.rated) },
    monthly,
    agencies: rankUnits(rows.filter((r) => r.unit.kind !== 'commune')),
    communes: rankUnits(rows.filter((r) => r.unit.kind === 'commune')),
    generatedAt: now.toISOString(),
  };
}

/* ------------------------------------------------------------------ Decision 766 */

/** Why an indicator has no value (shown as N/A). */
const NOT_AVAILABLE_REASONS: Record<Indicator766Id, string> = {
  '2.1': 'Không có hồ sơ nhận giải quyết trong kỳ (cột 3 của Biểu II.06a bằng 0).',
  '2.2': 'Không có hồ sơ nào được giải quyết có kết quả trong kỳ.',
  '3.1': 'Không có thủ tục hành chính nào thuộc thẩm quyền của đơn vị còn hiệu lực vào ngày cuối kỳ.',
  '3.3': 'Không có hồ sơ tiếp nhận trong kỳ (cột 4 và 5 của Biểu II.06a bằng 0).',
  '3.6':
    'Hệ thống chưa ghi nhận thanh toán trực tuyến (chưa kết nối nền tảng thanh toán), nên không tính được chỉ số này.',
  '4.2': 'Không có hồ sơ tiếp nhận trong kỳ để tính tỷ lệ số hóa.',
  '4.3': 'Không có hồ sơ tiếp nhận trong kỳ để tính tỷ lệ khai thác, sử dụng lại dữ liệu số hóa.',
  '5.4': 'Không có hồ sơ đã giải quyết trong kỳ (cột 7 của Biểu II.06a bằng 0).',
};

interface ProcedureInForce {
  code: string;
  level: string;
  competentAgencyCode: string | null;
  onlineServiceLevel: string;
}

/** Indicator 3.1: procedures in force with online service among those the units are competent for. */
function onlineProcedures(
  procedures: readonly ProcedureInForce[],
  competence: { agencyCodes: ReadonlySet<string>; hasCommune: boolean } | null,
): { numerator: number; denominator: number } {
  const mine =
    competence === null
      ? procedures
      : procedures.filter((p) =>
          p.competentAgencyCode !== null
            ? competence.agencyCodes.has(p.competentAgencyCode)
            : p.level === 'commune' && competence.hasCommune,
        );
  return {
    numerator: mine.filter((p) => p.onlineServiceLevel === 'full' || p.onlineServiceLevel === 'partial')
      .length,
    denominator: mine.length,
  };
}

function evaluateGroup(g: GroupCounts, catalog: { numerator: number; denominator: number }): Evaluation {
  const { counts: c, extras: x } = g;
  const received = receivedInPeriod(c);
  const inputs: Record<Indicator766Id, Indicator766Input> = {
    '2.1': {
      kind: 'ratio',
      numerator: c.settledEarly + c.settledOnTime + c.inProgressWithinTime,
      denominator: c.receivedTotal,
    },
    '2.2': {
      kind: 'value',
      value: x.settledResult === 0 ? null : x.settlementMinutes / x.settledResult / MINUTES_PER_WORKING_DAY,
    },
    '3.1': { kind: 'ratio', ...catalog },
    '3.3': { kind: 'ratio', numerator: c.receivedOnline, denominator: received },
    '3.6': { kind: 'not_available', reason: NOT_AVAILABLE_REASONS['3.6'] },
    '4.2': { kind: 'ratio', numerator: x.digitised, denominator: received },
    '4.3': { kind: 'ratio', numerator: x.reused, denominator: received },
    // 100 % − (late rate 10 / 7 + ratings of 1–2 given in the period / 7), never below 0.
    '5.4': {
      kind: 'ratio',
      numerator: Math.max(0, c.settledTotal - c.settledLate - x.ratedLow),
      denominator: c.settledTotal,
    },
  };
  const evaluation = evaluate766(inputs);
  return {
    ...evaluation,
    indicators: evaluation.indicators.map((i) =>
      i.value === null ? { ...i, notAvailableReason: NOT_AVAILABLE_REASONS[i.id] } : i,
    ),
    grade: evaluation.grade ? { ...evaluation.grade } : null,
  };
}

const NOTE_766 = {
  vi:
    'Các chỉ số của Quyết định 766/QĐ-TTg mà dữ liệu của hệ thống tính được, theo cùng số liệu của Biểu II.06a. ' +
    'Chỉ số 2.1 = (cột 8 + 9 + 12) / cột 3; 3.3 = cột 4 / (cột 4 + 5); 5.4 = 100% − (cột 10 / cột 7 + số đánh giá 1–2 sao trong kỳ / cột 7). ' +
    'Điểm = điểm tối đa nếu đạt chỉ tiêu, nếu không bằng tỷ lệ × điểm tối đa / chỉ tiêu; chỉ số không tính được (N/A) không tính vào tổng. ' +
    'Nhóm công khai, minh bạch và thanh toán trực tuyến cần dữ liệu ngoài hệ thống; cách phân bổ điểm trong nhóm là giả định (ADR 0009).',
  en:
    'The Decision 766/QĐ-TTg indicators the system’s data can compute, from the same numbers as Biểu II.06a. ' +
    '2.1 = (columns 8 + 9 + 12) / column 3; 3.3 = column 4 / (4 + 5); 5.4 = 100 % − (10 / 7 + ratings of 1–2 given in the period / 7). ' +
    'Score = the maximum when the target is reached, else ratio × maximum / target; N/A indicators are left out of the total. ' +
    'The transparency and online payment groups need data from outside the system; point allocations inside a group are assumed (ADR 0009).',
} as const;

/** Decision 766 indicators of a unit subtree for a period, optionally for each unit under it. */
export async function computeIndicators766(
  ctx: AppContext,
  actor: Actor,
  query: Indicator766QueryInput,
): Promise<Indicators766> {
  const { scope, unit } = await resolveScope(ctx, actor, query.unitId);
  const eff = effectivePeriod(query.from, query.to, ctx.clock());
  const groupBy = scope.kind === 'receiving' ? 'receiving_unit' : 'unit';
  const groups = await computeCounts(ctx, { scope, groupBy, eff, withExtras: true });
  const procedures = await proceduresInForce(ctx.db, eff.period.to);

  // The units whose competence the catalog indicator counts: the scope's subtree; a one-stop
  // section serves the subtree of the unit it belongs to.
  let competence: { agencyCodes: Set<string>; hasCommune: boolean } | null = null;
  if (scope.kind !== 'all') {
    const row = await findUnitById(ctx.db, scope.unitId);
    const servedId = scope.kind === 'receiving' && row?.parentId ? row.parentId : scope.unitId;
    const subtree = await listSubtreeUnits(ctx.db, servedId);
    competence = {
      agencyCodes: new Set(subtree.map((u) => u.agencyCode)),
      hasCommune: subtree.some((u) => u.kind === 'commune'),
    };
  }
  const evaluation = evaluateGroup(sumGroupCounts(groups.values()), onlineProcedures(procedures, competence));

  const units: Indicators766['units'] = [];
  if (query.byUnit === 'true' && unit) {
    for (const child of await childGroups(ctx, unit.id, groups)) {
      units.push({
        unit: child.unit,
        evaluation: evaluateGroup(child.group, onlineProcedures(procedures, child)),
      });
    }
  }
  return { period: eff.period, unit, evaluation, units, note: { ...NOTE_766 } };
}

/* ------------------------------------------------------------------ rebuild */

/**
 * Recomputes every report fact and rollup from the dossiers (admins, after a direct data fix).
 * The rebuild commits in its own transaction (reports keep the old numbers until then); the audit
 * entry follows it.
 */
export async function requestStatisticsRebuild(
  ctx: AppContext,
  actor: Actor,
  meta: { requestId?: string | null | undefined } = {},
): Promise<z.infer<typeof RebuildResult>> {
  if (actor.type !== 'system') requireRole(actor, 'admin');
  const result = await rebuildStatistics(ctx, { log: (message) => ctx.logger.info(message) });
  const seconds = round2(result.seconds);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(
      trx,
      actor,
      {
        type: 'statistics.rebuilt',
        entityType: 'statistics',
        entityId: 'report_rollups',
        summary: { dossiers: result.dossiers, seconds },
      },
      { at: ctx.clock(), requestId: meta.requestId },
    ),
  );
  return { dossiers: result.dossiers, seconds };
}
