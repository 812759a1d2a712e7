import {
  DOSSIER_STATUS_LABELS,
  II06A_COLUMNS,
  II06A_ROW_HEADERS,
  II06A_TITLE,
  addLocalDays,
  assertReportPeriod,
  emptyII06aCounts,
  formatPeriod,
  isLocalDate,
  onTimeRate,
  overdueInProgressRate,
  periodEndAt,
  startOfLocalDay,
  toLocalDate,
  withII06aTotals,
  type DossierStatus,
  type II06aCounts,
  type OfficerRole,
  type ReportPeriod,
} from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  countRunningDueOn,
  findRootProvince,
  findUnitById,
  findUnitsByIds,
  isDescendantOf,
  listAllUnits,
  listCellDossiers,
  listSubtreeUnits,
  prefixSums,
  procedureLabels,
  fieldLabels,
  reportGrantUnits,
  type CellFilter,
  type GroupKey,
  type RowFilter,
  type Scope,
  type SumTerm,
} from './statistics.repository.ts';
import type {
  DrillDownPage,
  DrillDownQuery,
  GroupBy,
  Report06a,
  ReportRow,
  ReportUnit,
} from './statistics.schemas.ts';

export { rebuildStatistics, refreshDossierStatistics } from './statistics-facts.service.ts';

/**
 * Monitoring: Biểu II.06a / II.07a for any period and unit subtree, the dossiers behind any cell,
 * and the shared pieces (scope, period, counts) of the map, the dashboards and the 766 indicators.
 * Every number is a sum of the exact rollups (docs/adr/0010-statistics-rollup.md) under the
 * definitions of docs/adr/0009-report-definitions.md.
 */

/** Roles that see the reports of their subtree. */
export const REPORT_ROLES: readonly OfficerRole[] = ['leader', 'supervisor', 'division_head'];

/** The earliest day a report may start (older data is an import's business, not a report's). */
const EARLIEST_DAY = '2000-01-01';
/** Longest period of one report. */
const MAX_PERIOD_DAYS = 366 * 10;

/* ------------------------------------------------------------------ scope */

export interface ResolvedScope {
  scope: Scope;
  unit: ReportUnit | null;
}

/** A unit as reports show it. */
export function toReportUnit(u: {
  id: string;
  name: string;
  shortName: string | null;
  agencyCode: string;
  kind: string;
}): ReportUnit {
  return {
    id: u.id,
    name: u.name,
    shortName: u.shortName,
    agencyCode: u.agencyCode,
    kind: u.kind as ReportUnit['kind'],
  };
}

function scopeOfUnit(unit: ReportUnit): Scope {
  return unit.kind === 'one_stop_section'
    ? { kind: 'receiving', unitId: unit.id }
    : { kind: 'competent', unitId: unit.id };
}

/** The units an officer may report on: where they hold a report role now (with the role). */
export async function reportGrants(ctx: AppContext, actor: Actor) {
  if (actor.type !== 'officer') return [];
  const rows = await reportGrantUnits(ctx.db, actor.id, REPORT_ROLES, ctx.clock());
  return rows.map((r) => ({ unit: toReportUnit(r), role: r.role }));
}

/**
 * Access check first: who may see which subtree. Leaders, supervisors and division heads see the
 * subtree of the unit of their role; the system (benchmarks, the weekly job) sees everything.
 */
export async function resolveScope(
  ctx: AppContext,
  actor: Actor,
  unitId: string | undefined,
): Promise<ResolvedScope> {
  if (actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED', 'Please log in / Vui lòng đăng nhập');
  if (actor.type === 'citizen') throw new AppError('FORBIDDEN', 'Reports are for officers');
  if (actor.type === 'system') {
    if (!unitId) {
      const root = await findRootProvince(ctx.db);
      return { scope: { kind: 'all' }, unit: root ? toReportUnit(root) : null };
    }
    const unit = await findUnitById(ctx.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    const u = toReportUnit(unit);
    return { scope: scopeOfUnit(u), unit: u };
  }
  const grants = await reportGrants(ctx, actor);
  if (grants.length === 0)
    throw new AppError('FORBIDDEN', `Reports need one of the roles: ${REPORT_ROLES.join(', ')}`);
  if (!unitId) {
    // The widest grant: one whose unit is not inside another granted unit.
    const ids = grants.map((g) => g.unit.id);
    for (const g of grants) {
      const others = ids.filter((id) => id !== g.unit.id);
      if (!(await isDescendantOf(ctx.db, others, g.unit.id)))
        return { scope: scopeOfUnit(g.unit), unit: g.unit };
    }
    const first = grants[0];
    if (!first) throw new AppError('FORBIDDEN', 'No report scope');
    return { scope: scopeOfUnit(first.unit), unit: first.unit };
  }
  const unit = await findUnitById(ctx.db, unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
  if (
    !(await isDescendantOf(
      ctx.db,
      grants.map((g) => g.unit.id),
      unitId,
    ))
  ) {
    throw new AppError('FORBIDDEN', `You may not see the reports of ${unit.name}`, { unitId });
  }
  const u = toReportUnit(unit);
  return { scope: scopeOfUnit(u), unit: u };
}

/* ------------------------------------------------------------------ period */

export interface EffectivePeriod {
  period: ReportPeriod;
  requestedTo: string;
  isPartial: boolean;
  /** Instant the in-progress columns are judged at. */
  asOf: Date;
  today: string;
}

/** Validates a period and cuts a period that has not ended at today ("now"). */
export function effectivePeriod(from: string, to: string, now: Date): EffectivePeriod {
  if (!isLocalDate(from) || !isLocalDate(to))
    throw new AppError('VALIDATION_FAILED', 'Dates must be YYYY-MM-DD', { from, to });
  try {
    assertReportPeriod({ from, to });
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', (error as Error).message, { from, to });
  }
  const today = toLocalDate(now);
  if (from > today)
    throw new AppError('VALIDATION_FAILED', 'The period starts in the future', { from, today });
  if (from < EARLIEST_DAY)
    throw new AppError('VALIDATION_FAILED', `A report cannot start before ${EARLIEST_DAY}`, { from });
  const end = to > today ? today : to;
  const days =
    Math.round((startOfLocalDay(end).getTime() - startOfLocalDay(from).getTime()) / 86_400_000) + 1;
  if (days > MAX_PERIOD_DAYS)
    throw new AppError('VALIDATION_FAILED', 'A report covers at most ten years', { from, to });
  const isPartial = to >= today;
  const period = { from, to: end };
  return { period, requestedTo: to, isPartial, asOf: isPartial ? now : periodEndAt(period), today };
}

/* ------------------------------------------------------------------ counts */

const BASE_TERMS = [
  'receivedOnline',
  'receivedDirect',
  'settledEarly',
  'settledOnTime',
  'settledLate',
  'settledWithdrawn',
  'overdueFrom',
  'overdueTo',
] as const satisfies readonly SumTerm[];

export const EXTRA_TERMS = [
  'submitted',
  'refused',
  'settledResult',
  'settlementMinutes',
  'supplementRequested',
  'digitised',
  'reused',
  'rated',
  'ratedLow',
  'ratingSum',
] as const satisfies readonly SumTerm[];
export type ExtraTerm = (typeof EXTRA_TERMS)[number];

export interface GroupCounts {
  counts: II06aCounts;
  /** In-period sums of the other counters (dashboards, 766). */
  extras: Record<ExtraTerm, number>;
}

/**
 * II.06a counts per group for a period: every column is a difference of two prefix sums of the
 * rollup (before the first day, before the day after the last), and column 13 the spans open at
 * the end of the last day. A period that has not ended is judged now: dossiers running and due
 * today are still within time.
 */
export async function computeCounts(
  ctx: AppContext,
  input: { scope: Scope; groupBy: GroupKey; eff: EffectivePeriod; withExtras?: boolean },
): Promise<Map<string, GroupCounts>> {
  const { period, isPartial, today } = input.eff;
  const end = addLocalDays(period.to, 1);
  const terms: SumTerm[] = [...BASE_TERMS, ...(input.withExtras ? EXTRA_TERMS : [])];
  const sums = await prefixSums(ctx.db, {
    scope: input.scope,
    groupBy: input.groupBy,
    points: [period.from, end],
    terms,
  });
  const dueToday =
    isPartial && period.to === today
      ? await countRunningDueOn(ctx.db, {
          scope: input.scope,
          groupBy: input.groupBy,
          dayStart: startOfLocalDay(today),
          dayEnd: startOfLocalDay(addLocalDays(today, 1)),
        })
      : new Map<string, number>();
  const out = new Map<string, GroupCounts>();
  for (const [key, [p1, p2]] of sums) {
    if (!p1 || !p2) continue;
    const settled = (p: Record<SumTerm, number>): number => p.settledEarly + p.settledOnTime + p.settledLate;
    const received = (p: Record<SumTerm, number>): number => p.receivedOnline + p.receivedDirect;
    const inProgress = received(p2) - settled(p2);
    const overdue = p2.overdueFrom - p2.overdueTo - (dueToday.get(key) ?? 0);
    const counts = withII06aTotals({
      ...emptyII06aCounts(),
      receivedOnline: p2.receivedOnline - p1.receivedOnline,
      receivedDirect: p2.receivedDirect - p1.receivedDirect,
      carriedOver: received(p1) - settled(p1),
      settledEarly: p2.settledEarly - p1.settledEarly,
      settledOnTime: p2.settledOnTime - p1.settledOnTime,
      settledLate: p2.settledLate - p1.settledLate,
      settledWithdrawn: p2.settledWithdrawn - p1.settledWithdrawn,
      inProgressOverdue: overdue,
      inProgressWithinTime: inProgress - overdue,
    });
    const extras = {} as Record<ExtraTerm, number>;
    for (const t of EXTRA_TERMS) extras[t] = input.withExtras ? (p2[t] ?? 0) - (p1[t] ?? 0) : 0;
    out.set(key, { counts, extras });
  }
  return out;
}

export function isEmptyCounts(c: II06aCounts): boolean {
  return c.receivedTotal === 0 && c.settledTotal === 0 && c.inProgressTotal === 0;
}

export function sumGroupCounts(groups: Iterable<GroupCounts>): GroupCounts {
  const counts = emptyII06aCounts();
  const extras = Object.fromEntries(EXTRA_TERMS.map((t) => [t, 0])) as Record<ExtraTerm, number>;
  for (const g of groups) {
    for (const k of Object.keys(counts) as (keyof II06aCounts)[]) counts[k] += g.counts[k];
    for (const t of EXTRA_TERMS) extras[t] += g.extras[t];
  }
  return { counts, extras };
}

/* ------------------------------------------------------------------ report II.06a / II.07a */

const LEVEL_LABELS: Record<string, { vi: string; en: string }> = {
  province: { vi: 'Cấp tỉnh', en: 'Provincial level' },
  commune: { vi: 'Cấp xã', en: 'Commune level' },
  central: { vi: 'Cơ quan ngành dọc', en: 'Central agencies' },
};

const UNIT_KIND_ORDER: Record<string, number> = {
  province: 0,
  one_stop_section: 1,
  department: 2,
  division: 3,
  commune: 4,
  external: 5,
};

/** How each column is defined (shown under the report and in the exports). */
export const COLUMN_DEFINITIONS = [
  {
    column: '4, 5',
    vi: 'Hồ sơ tiếp nhận trong kỳ (bắt đầu tính thời hạn): trực tuyến gồm kênh trực tuyến và mạng xã hội; trực tiếp gồm tại quầy và bưu chính.',
    en: 'Dossiers received in the period (legal clock started): online includes chat; direct includes counter and post.',
  },
  {
    column: '6',
    vi: 'Tiếp nhận trước kỳ, chưa kết thúc xử lý khi kỳ bắt đầu.',
    en: 'Received before the period and not settled when it began.',
  },
  {
    column: '8, 9, 10',
    vi: 'Kết thúc xử lý trong kỳ (có kết quả, dừng hoặc rút hồ sơ), so sánh theo ngày với ngày hẹn trả đang có hiệu lực (đã cộng thời gian tạm dừng bổ sung hồ sơ, đã gia hạn nếu có xin lỗi). Cùng ngày hẹn là đúng hạn; rút hồ sơ tính đúng hạn; yêu cầu bổ sung quá một lần tính quá hạn.',
    en: 'Settled in the period (result, stop or withdrawal), compared by date with the due date in force (paused supplement time added, extension with apology applied). The due day itself is on time; withdrawals are on time; more than one supplement request is late.',
  },
  {
    column: '12, 13',
    vi: 'Chưa kết thúc xử lý vào cuối kỳ (hoặc thời điểm xem nếu kỳ chưa kết thúc). Quá hạn khi ngày hẹn trả đã qua, tức là không thể giải quyết đúng hạn nữa; hồ sơ đang chờ bổ sung hoặc tạm dừng tính trong hạn.',
    en: 'Not settled at the end of the period (or now if it has not ended). Overdue once the due day has passed, i.e. it can no longer be settled on time; dossiers awaiting a supplement (clock paused) are within time.',
  },
] as const;

function parseFieldKey(key: string): { level: string; fieldCode: string } {
  const i = key.indexOf('|');
  return { level: key.slice(0, i), fieldCode: key.slice(i + 1) };
}

/** Rows with labels for the groups of a report, sorted as on the official sheets. */
export async function labelRows(
  ctx: AppContext,
  groupBy: GroupBy,
  groups: ReadonlyMap<string, GroupCounts>,
  includeEmpty = false,
): Promise<ReportRow[]> {
  const entries = [...groups.entries()].filter(([, g]) => includeEmpty || !isEmptyCounts(g.counts));
  const row = (
    key: string,
    g: GroupCounts,
    label: string,
    extra: Partial<ReportRow & { sortKey: string }> = {},
  ): ReportRow & { sortKey: string } => ({
    key,
    label,
    sublabel: null,
    unit: null,
    procedureCode: null,
    fieldCode: null,
    level: null,
    counts: g.counts,
    onTimeRate: onTimeRate(g.counts),
    overdueRate: overdueInProgressRate(g.counts),
    sortKey: label,
    ...extra,
  });
  let rows: (ReportRow & { sortKey: string })[];
  switch (groupBy) {
    case 'total':
      rows = entries.map(([key, g]) => row(key, g, 'Tổng cộng'));
      break;
    case 'unit':
    case 'receiving_unit': {
      const units = new Map(
        (
          await findUnitsByIds(
            ctx.db,
            entries.map(([k]) => k),
          )
        ).map((u) => [u.id, u]),
      );
      rows = entries.map(([key, g]) => {
        const u = units.get(key);
        const unit = u ? toReportUnit(u) : null;
        return row(key, g, u?.name ?? key, {
          unit,
          sublabel: u?.agencyCode ?? null,
          sortKey: `${UNIT_KIND_ORDER[u?.kind ?? 'external'] ?? 9}|${u?.name ?? key}`,
        });
      });
      break;
    }
    case 'procedure': {
      const labels = new Map(
        (
          await procedureLabels(
            ctx.db,
            entries.map(([k]) => k),
          )
        ).map((p) => [p.code, p]),
      );
      rows = entries.map(([key, g]) => {
        const p = labels.get(key);
        return row(key, g, p?.name ?? key, {
          sublabel: p ? `${key} · ${p.fieldName}` : key,
          procedureCode: key,
          fieldCode: p?.fieldCode ?? null,
          level: p?.level ?? null,
          sortKey: `${p?.fieldName ?? ''}|${p?.name ?? key}`,
        });
      });
      break;
    }
    case 'field': {
      const names = new Map((await fieldLabels(ctx.db)).map((f) => [f.fieldCode, f.fieldName]));
      rows = entries.map(([key, g]) => {
        const { level, fieldCode } = parseFieldKey(key);
        const levelLabel = LEVEL_LABELS[level]?.vi ?? level;
        return row(key, g, names.get(fieldCode) ?? fieldCode, {
          sublabel: levelLabel,
          fieldCode,
          level,
          sortKey: `${level === 'province' ? 0 : level === 'commune' ? 1 : 2}|${names.get(fieldCode) ?? fieldCode}`,
        });
      });
      break;
    }
  }
  rows.sort((a, b) => a.sortKey.localeCompare(b.sortKey, 'vi'));
  return rows.map(({ sortKey: _sortKey, ...r }) => r);
}

/**
 * Biểu II.06a (rows by settling agency) or II.07a (rows by field and level), or rows by procedure
 * or one-stop section, for any period and unit subtree. Exported for the benchmark
 * (`npm run bench` times it over five million dossiers).
 */
export async function computeReport06a(
  ctx: AppContext,
  actor: Actor,
  params: { from: string; to: string; unitId?: string | undefined; groupBy?: GroupBy | undefined },
): Promise<Report06a> {
  const { scope, unit } = await resolveScope(ctx, actor, params.unitId);
  const eff = effectivePeriod(params.from, params.to, ctx.clock());
  const groupBy = params.groupBy ?? 'unit';
  const groups = await computeCounts(ctx, { scope, groupBy, eff });
  const rows = await labelRows(ctx, groupBy, groups);
  const total = sumGroupCounts(groups.values()).counts;
  return {
    form: {
      code: groupBy === 'field' ? 'Biểu số II.07a/VPCP/KSTT' : II06A_TITLE.code,
      vi: II06A_TITLE.vi,
      en: II06A_TITLE.en,
    },
    period: eff.period,
    periodText: formatPeriod(eff.period),
    requestedTo: eff.requestedTo,
    isPartial: eff.isPartial,
    asOf: eff.asOf.toISOString(),
    unit,
    scopeKind: scope.kind,
    groupBy,
    rowHeader:
      groupBy === 'procedure'
        ? II06A_ROW_HEADERS.procedure
        : groupBy === 'field'
          ? II06A_ROW_HEADERS.field
          : groupBy === 'receiving_unit'
            ? { vi: 'Bộ phận Một cửa tiếp nhận', en: 'Receiving one-stop section' }
            : II06A_ROW_HEADERS.unit,
    columns: II06A_COLUMNS.map((c) => ({ ...c })),
    rows,
    total: { counts: total, onTimeRate: onTimeRate(total), overdueRate: overdueInProgressRate(total) },
    definitions: COLUMN_DEFINITIONS.map((d) => ({ ...d })),
  };
}

/* ------------------------------------------------------------------ drill-down */

function rowFilterOf(groupBy: GroupBy, rowKey: string | undefined): RowFilter {
  if (!rowKey || groupBy === 'total') return {};
  switch (groupBy) {
    case 'unit':
      if (!/^[0-9a-f-]{36}$/i.test(rowKey))
        throw new AppError('VALIDATION_FAILED', 'rowKey must be a unit id');
      return { competentUnitId: rowKey };
    case 'receiving_unit':
      if (!/^[0-9a-f-]{36}$/i.test(rowKey))
        throw new AppError('VALIDATION_FAILED', 'rowKey must be a unit id');
      return { receivingUnitId: rowKey };
    case 'procedure':
      return { procedureCode: rowKey };
    case 'field': {
      if (!rowKey.includes('|')) throw new AppError('VALIDATION_FAILED', 'rowKey must be level|fieldCode');
      const { level, fieldCode } = parseFieldKey(rowKey);
      return { level, fieldCode };
    }
  }
}

/** The cell filters of a column (3 = 4 + 5 + 6; 7 = 8 + 9 + 10; 11 = 12 + 13). */
function cellsOf(column: number, eff: EffectivePeriod): CellFilter[] {
  const { from, to } = eff.period;
  const dueToday =
    eff.isPartial && to === eff.today
      ? { start: startOfLocalDay(to), end: startOfLocalDay(addLocalDays(to, 1)) }
      : null;
  switch (column) {
    case 3:
      return [
        { kind: 'received', channels: null, from, to },
        { kind: 'carried_over', from },
      ];
    case 4:
      return [{ kind: 'received', channels: ['online', 'chat'], from, to }];
    case 5:
      return [{ kind: 'received', channels: ['counter', 'postal'], from, to }];
    case 6:
      return [{ kind: 'carried_over', from }];
    case 7:
      return [{ kind: 'settled', timeliness: null, from, to }];
    case 8:
      return [{ kind: 'settled', timeliness: 'early', from, to }];
    case 9:
      return [{ kind: 'settled', timeliness: 'on_time', from, to }];
    case 10:
      return [{ kind: 'settled', timeliness: 'late', from, to }];
    case 11:
      return [{ kind: 'in_progress', asOf: to, overdue: null, dueToday }];
    case 12:
      return [{ kind: 'in_progress', asOf: to, overdue: false, dueToday }];
    case 13:
      return [{ kind: 'in_progress', asOf: to, overdue: true, dueToday }];
    default:
      throw new AppError('VALIDATION_FAILED', 'The column must be 3 to 13');
  }
}

function columnLabel(column: number): { vi: string; en: string } {
  const c = II06A_COLUMNS.find((x) => x.number === column);
  const group =
    c?.group === 'received'
      ? { vi: 'Số hồ sơ nhận giải quyết', en: 'To settle' }
      : c?.group === 'settled'
        ? { vi: 'Đã giải quyết', en: 'Settled' }
        : { vi: 'Đang giải quyết', en: 'In progress' };
  return { vi: `(${column}) ${group.vi} – ${c?.vi ?? ''}`, en: `(${column}) ${group.en} – ${c?.en ?? ''}` };
}

/** The dossiers behind one cell of the report (same definitions, same scope, paged). */
export async function listReportDossiers(
  ctx: AppContext,
  actor: Actor,
  query: DrillDownQuery,
): Promise<DrillDownPage> {
  const { scope, unit } = await resolveScope(ctx, actor, query.unitId);
  const eff = effectivePeriod(query.from, query.to, ctx.clock());
  const row = rowFilterOf(query.groupBy, query.rowKey);
  const rows = await listCellDossiers(ctx.db, {
    scope,
    cells: cellsOf(query.column, eff),
    row,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  let rowLabel: string | null = null;
  if (query.rowKey && query.groupBy !== 'total') {
    const labels = await labelRows(ctx, query.groupBy, new Map([[query.rowKey, sumGroupCounts([])]]), true);
    rowLabel = labels[0]?.label ?? query.rowKey;
  }
  return {
    column: query.column,
    columnLabel: columnLabel(query.column),
    rowLabel,
    period: eff.period,
    unit,
    items: rows.map((r) => ({
      code: r.code,
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      applicantName: r.applicantName,
      channel: r.channel,
      status: r.status as DossierStatus,
      statusLabel: DOSSIER_STATUS_LABELS[r.status as DossierStatus],
      receivedAt: r.receivedAt?.toISOString() ?? null,
      dueAt: r.dueAt?.toISOString() ?? null,
      completedAt: r.completedAt?.toISOString() ?? null,
      isPaused: r.pausedAt !== null,
      timeliness: (r.timeliness as 'early' | 'on_time' | 'late' | null) ?? null,
      isWithdrawn: r.isWithdrawn,
      competentUnitName: r.competentUnitName,
      receivingUnitName: r.receivingUnitName,
    })),
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/* ------------------------------------------------------------------ scopes */

/** The units the actor may report on, and the whole unit list under them (for pickers). */
export async function listReportScopes(ctx: AppContext, actor: Actor) {
  await resolveScope(ctx, actor, undefined);
  const grants = await reportGrants(ctx, actor);
  const byId = new Map<string, ReportUnit & { parentId: string | null }>();
  if (actor.type === 'system') {
    for (const u of await listAllUnits(ctx.db))
      if (!u.validTo) byId.set(u.id, { ...toReportUnit(u), parentId: u.parentId });
  } else {
    for (const g of grants) {
      for (const u of await listSubtreeUnits(ctx.db, g.unit.id)) {
        if (!u.validTo) byId.set(u.id, { ...toReportUnit(u), parentId: u.parentId });
      }
    }
  }
  const units = [...byId.values()].sort(
    (a, b) =>
      (UNIT_KIND_ORDER[a.kind] ?? 9) - (UNIT_KIND_ORDER[b.kind] ?? 9) || a.name.localeCompare(b.name, 'vi'),
  );
  return { scopes: grants, units };
}
