import {
  DEFAULT_OFFICE_HOURS,
  OFFICIAL_OVERRIDES,
  addLocalDays,
  computeDeadline,
  createWorkingCalendar,
  explainInEnglish,
  explainInVietnamese,
  formatLocalDate,
  type CalendarOverride,
  type DeadlineRule,
  type OfficeHours,
  type WorkingCalendar,
} from '@motcua/domain';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deleteOverride, findUnitOfficeHours, listOverrides, upsertOverride } from './calendar.repository.ts';

/**
 * Working calendars per unit, built from the rules (packages/domain), the official overrides that
 * ship with this version (OFFICIAL_OVERRIDES: 2025, 2026), the overrides an administrator entered
 * (they win on the same date), and the unit's office hours. Cached per database for a short time;
 * a change made through this process invalidates the cache at once.
 */
const CACHE_TTL_MS = 30_000;
interface CacheEntry {
  loadedAt: number;
  overrides: CalendarOverride[];
  byUnit: Map<string, WorkingCalendar>;
}
const cache = new WeakMap<Database, CacheEntry>();

async function loadEntry(ctx: AppContext): Promise<CacheEntry> {
  const hit = cache.get(ctx.db);
  if (hit && Date.now() - hit.loadedAt < CACHE_TTL_MS) return hit;
  const rows = await listOverrides(ctx.db);
  const entry: CacheEntry = { loadedAt: Date.now(), overrides: mergeOverrides(rows), byUnit: new Map() };
  cache.set(ctx.db, entry);
  return entry;
}

type OverrideRow = Awaited<ReturnType<typeof listOverrides>>[number];

/** Shipped official overrides, replaced date by date by the administrator's entries. */
function mergeOverrides(
  rows: readonly OverrideRow[],
): (CalendarOverride & { source: 'official' | 'local' })[] {
  const byDate = new Map<string, CalendarOverride & { source: 'official' | 'local' }>();
  for (const o of OFFICIAL_OVERRIDES) byDate.set(o.date, { ...o, source: 'official' });
  for (const r of rows) {
    byDate.set(r.date, {
      date: r.date,
      kind: r.kind as CalendarOverride['kind'],
      name: r.name,
      reference: r.reference ?? undefined,
      source: 'local',
    });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

export function invalidateCalendarCache(ctx: AppContext): void {
  cache.delete(ctx.db);
}

/** The working calendar of a unit (its office hours), or the default calendar. */
export async function getCalendar(ctx: AppContext, unitId?: string | null): Promise<WorkingCalendar> {
  const entry = await loadEntry(ctx);
  const key = unitId ?? '';
  const existing = entry.byUnit.get(key);
  if (existing) return existing;
  let officeHours: OfficeHours = DEFAULT_OFFICE_HOURS;
  if (unitId) {
    const unit = await findUnitOfficeHours(ctx.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    if (unit.officeHours) officeHours = unit.officeHours as unknown as OfficeHours;
  }
  const calendar = createWorkingCalendar({ overrides: entry.overrides, officeHours });
  entry.byUnit.set(key, calendar);
  return calendar;
}

export async function computeDue(
  ctx: AppContext,
  query: {
    from: string;
    amount: number;
    unit: DeadlineRule['unit'];
    unit_id?: string | undefined;
    same_day?: 'true' | 'false' | undefined;
  },
) {
  const calendar = await getCalendar(ctx, query.unit_id);
  const rule: DeadlineRule = {
    amount: query.amount,
    unit: query.unit,
    ...(query.same_day === 'true' ? { isSameDay: true } : {}),
  };
  const result = computeDeadline({ start: new Date(query.from), rule, calendar });
  return {
    from: new Date(query.from).toISOString(),
    startedAt: result.startedAt,
    dueAt: result.dueAt,
    totalWorkingMinutes: result.totalWorkingMinutes,
    calendarVersion: result.calendarVersion,
    explanation: result.items as unknown as Record<string, unknown>[],
    explanationText: { vi: explainInVietnamese(result), en: explainInEnglish(result) },
  };
}

/** Every day of a year with its kind (working, weekend, holiday, compensatory, day off, swapped). */
export async function listYearDays(ctx: AppContext, year: number, unitId?: string) {
  const calendar = await getCalendar(ctx, unitId);
  const out = [];
  for (let d = formatLocalDate(year, 1, 1); d <= formatLocalDate(year, 12, 31); d = addLocalDays(d, 1)) {
    const info = calendar.dayInfo(d);
    out.push({
      date: d,
      kind: info.kind,
      isWorkingDay: info.isWorkingDay,
      name: info.name ?? null,
      reference: info.reference ?? null,
    });
  }
  return out;
}

export async function listCalendarOverrides(ctx: AppContext, year?: number) {
  const merged = mergeOverrides(await listOverrides(ctx.db));
  return merged
    .filter((o) => !year || o.date.startsWith(`${year}-`))
    .map((o) => ({
      date: o.date,
      kind: o.kind,
      name: o.name,
      reference: o.reference ?? null,
      source: o.source,
    }));
}

export async function setCalendarOverride(
  ctx: AppContext,
  actor: Actor,
  date: string,
  input: { kind: 'day_off' | 'working_day'; name: string; reference?: string | undefined },
  meta: { requestId?: string } = {},
) {
  if (actor.type !== 'system') requireRole(actor, 'admin');
  const now = ctx.clock();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const saved = await upsertOverride(trx, {
      date,
      kind: input.kind,
      name: input.name,
      reference: input.reference ?? null,
      createdBy: actor.type === 'officer' ? actor.id : null,
    });
    await recordAudit(
      trx,
      actor,
      {
        type: 'calendar.override_set',
        entityType: 'calendar',
        entityId: date,
        summary: { kind: input.kind, name: input.name },
      },
      { at: now, requestId: meta.requestId },
    );
    return saved;
  });
  invalidateCalendarCache(ctx);
  return {
    date: row.date,
    kind: row.kind as 'day_off' | 'working_day',
    name: row.name,
    reference: row.reference,
    source: 'local' as const,
  };
}

export async function removeCalendarOverride(
  ctx: AppContext,
  actor: Actor,
  date: string,
  meta: { requestId?: string } = {},
) {
  requireRole(actor, 'admin');
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await deleteOverride(trx, date);
    if (!removed) throw new AppError('NOT_FOUND', `No override on ${date}`);
    await recordAudit(
      trx,
      actor,
      { type: 'calendar.override_removed', entityType: 'calendar', entityId: date, summary: {} },
      { at: now, requestId: meta.requestId },
    );
  });
  invalidateCalendarCache(ctx);
}
