import {
  addLocalDays,
  diffLocalDays,
  isLocalDate,
  isoWeekday,
  localDateTime,
  onTimeRate,
  parseLocalDate,
  previousWeek,
  rateClassOf,
  toLocalDate,
  weekStartOf,
  formatVnDateTime,
  type II06aCounts,
  type LocalDate,
  type ReportPeriod,
} from '@motcua/domain';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { PermanentDeliveryError } from '../../shared/delivery-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueEmail } from '../notification/notification.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import type { OutboxMessage } from '../outbox/outbox.worker.ts';
import { listSubtreeUnits } from './statistics.repository.ts';
import {
  SubscriptionInput,
  type ReportUnit,
  type SubscriptionView,
  type WeeklyQuery,
  type WeeklyReport,
} from './statistics.schemas.ts';
import {
  computeCounts,
  effectivePeriod,
  reportGrants,
  resolveScope,
  sumGroupCounts,
  type GroupCounts,
  toReportUnit,
} from './statistics.service.ts';
import {
  deactivateWeeklySubscription,
  findWeeklySubscription,
  insertWeeklySubscription,
  listActiveWeeklySubscriptions,
  markWeeklyReportSent,
} from './statistics-weekly.repository.ts';

/**
 * The weekly report (issue 4): last week's Biểu II.06a totals of a unit subtree against the week
 * before, the dossiers overdue now and the child units with the lowest on-time rates, as a
 * plain-text e-mail ready to send. Every number is the report's (`computeCounts`, the same sums as
 * `computeReport06a`; docs/adr/0009-report-definitions.md), so the e-mail equals the II.06a of
 * the same week and unit.
 *
 * Subscriptions e-mail it every Monday at 07:00 (Vietnam) through the outbox topic
 * `statistics.weekly_report`, a chain of delayed messages: each run, in one transaction, locks the
 * subscription, enqueues the e-mails (`email.send`, one per recipient), records the week sent and
 * enqueues the next run. A message only acts when it is the subscription's current run
 * (`runAt` = `next_run_at`) and that week was not sent yet, so a redelivery (a crash after the
 * commit) sends nothing twice, and a crash before the commit leaves the run to be retried: the
 * chain never breaks. A cancelled subscription ends the chain at its next run.
 */

export const WEEKLY_REPORT_TOPIC = 'statistics.weekly_report';
/** The run time of the weekly report: Monday at 07:00 in Vietnam. */
const RUN_TIME = '07:00';
/** Child units listed as the lowest on-time rates. */
const WORST_UNITS_LIMIT = 5;
/** Delivery-log category of the e-mails. */
const EMAIL_CATEGORY = 'weekly_report';

type Language = 'vi' | 'en';
type WeeklyQueryInput = z.infer<typeof WeeklyQuery>;
type RankedUnit = WeeklyReport['worstUnits'][number];

/** Payload of a `statistics.weekly_report` message. */
export const WeeklyReportMessage = z.object({
  subscriptionId: z.uuid(),
  /** The run this message is for (the subscription's `next_run_at` when it was enqueued). */
  runAt: z.iso.datetime({ offset: true }),
});
export type WeeklyReportMessage = z.infer<typeof WeeklyReportMessage>;

/* ------------------------------------------------------------------ weeks */

/** ISO 8601 week number and week-year of a day ("tuần 10/2026"). */
export function isoWeekOf(day: LocalDate): { week: number; year: number } {
  const thursday = addLocalDays(day, 4 - isoWeekday(day));
  const { year } = parseLocalDate(thursday);
  return { week: Math.floor(diffLocalDays(`${year}-01-01`, thursday) / 7) + 1, year };
}

/** The first Monday 07:00 (Vietnam) strictly after `now`. */
export function nextWeeklyRunAfter(now: Date): Date {
  const monday = weekStartOf(toLocalDate(now));
  const thisWeek = localDateTime(monday, RUN_TIME);
  return thisWeek.getTime() > now.getTime() ? thisWeek : localDateTime(addLocalDays(monday, 7), RUN_TIME);
}

/** The run a week after `runAt` (the following Monday 07:00). */
function followingRun(runAt: Date): Date {
  return localDateTime(addLocalDays(weekStartOf(toLocalDate(runAt)), 7), RUN_TIME);
}

/** The week (Monday to Sunday) a run reports: the one that ended before it. */
function weekReportedAt(runAt: Date): ReportPeriod {
  return previousWeek(toLocalDate(runAt));
}

function weekFrom(weekStart: string | undefined, today: LocalDate): ReportPeriod {
  if (weekStart === undefined) return previousWeek(today);
  if (!isLocalDate(weekStart))
    throw new AppError('VALIDATION_FAILED', 'weekStart must be a date YYYY-MM-DD', { weekStart });
  if (isoWeekday(weekStart) !== 1)
    throw new AppError('VALIDATION_FAILED', 'weekStart must be a Monday / phải là ngày thứ Hai', {
      weekStart,
    });
  return { from: weekStart, to: addLocalDays(weekStart, 6) };
}

/* ------------------------------------------------------------------ the report */

/**
 * The child units of `parentId` (each with its subtree) ranked by on-time rate over the groups of
 * the week, the lowest first; units without a dossier settled in the week have no rate and are
 * left out. `rank` is the place among the children from the best (ties share a rank).
 */
async function worstChildUnits(
  ctx: AppContext,
  parentId: string,
  groups: ReadonlyMap<string, GroupCounts>,
): Promise<RankedUnit[]> {
  const units = await listSubtreeUnits(ctx.db, parentId);
  const byId = new Map(units.map((u) => [u.id, u]));
  const childOf = (id: string): string | null => {
    let u = byId.get(id);
    while (u && u.parentId !== parentId) {
      if (u.id === parentId || u.parentId === null) return null;
      u = byId.get(u.parentId);
    }
    return u ? u.id : null;
  };
  const members = new Map<string, GroupCounts[]>();
  for (const [id, group] of groups) {
    const child = childOf(id);
    if (child === null) continue;
    members.set(child, [...(members.get(child) ?? []), group]);
  }
  const rated: { unit: ReportUnit; counts: II06aCounts; rate: number }[] = [];
  for (const [id, list] of members) {
    const u = byId.get(id);
    if (!u) continue;
    const counts = sumGroupCounts(list).counts;
    const rate = onTimeRate(counts);
    if (rate !== null) rated.push({ unit: toReportUnit(u), counts, rate });
  }
  return rated
    .map((r): RankedUnit => ({
      unit: r.unit,
      counts: r.counts,
      onTimeRate: r.rate,
      rateClass: rateClassOf(r.rate),
      rank: 1 + rated.filter((x) => x.rate > r.rate).length,
    }))
    .sort(
      (a, b) =>
        (a.onTimeRate ?? 0) - (b.onTimeRate ?? 0) ||
        b.counts.settledLate - a.counts.settledLate ||
        a.unit.name.localeCompare(b.unit.name, 'vi'),
    )
    .slice(0, WORST_UNITS_LIMIT);
}

async function buildWeeklyReport(
  ctx: AppContext,
  actor: Actor,
  query: WeeklyQueryInput,
  language: Language,
): Promise<WeeklyReport> {
  const { scope, unit } = await resolveScope(ctx, actor, query.unitId);
  const now = ctx.clock();
  const today = toLocalDate(now);
  const week = weekFrom(query.weekStart, today);
  const eff = effectivePeriod(week.from, week.to, now);
  const previous = effectivePeriod(addLocalDays(week.from, -7), addLocalDays(week.from, -1), now);
  const groupBy = scope.kind === 'receiving' ? 'receiving_unit' : 'unit';
  const groups = await computeCounts(ctx, { scope, groupBy, eff });
  const counts = sumGroupCounts(groups.values()).counts;
  const previousCounts = sumGroupCounts(
    (await computeCounts(ctx, { scope, groupBy: 'total', eff: previous })).values(),
  ).counts;
  // Overdue now: column 13 of today's report (a dossier due today is still within time).
  const overdueNow = sumGroupCounts(
    (await computeCounts(ctx, { scope, groupBy: 'total', eff: effectivePeriod(today, today, now) })).values(),
  ).counts.inProgressOverdue;
  const worstUnits = unit ? await worstChildUnits(ctx, unit.id, groups) : [];
  const report = {
    unit,
    week: eff.period,
    previousWeek: previous.period,
    counts,
    previousCounts,
    onTimeRate: onTimeRate(counts),
    previousOnTimeRate: onTimeRate(previousCounts),
    overdueNow,
    worstUnits,
  };
  const { subject, text } = renderWeeklyEmail(report, {
    language,
    weekStart: week.from,
    isPartial: eff.isPartial,
    now,
  });
  return { ...report, subject, text };
}

/**
 * The weekly report of a unit subtree (default: the widest the actor may see) for a week (default:
 * last week), against the week before. Same access as Biểu II.06a.
 */
export async function getWeeklyReport(
  ctx: AppContext,
  actor: Actor,
  query: WeeklyQueryInput,
): Promise<WeeklyReport> {
  return buildWeeklyReport(ctx, actor, query, 'vi');
}

/* ------------------------------------------------------------------ the e-mail */

function numberText(n: number, language: Language): string {
  return n.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB');
}

function rateText(rate: number | null, language: Language): string {
  if (rate === null) return language === 'vi' ? 'chưa có hồ sơ giải quyết' : 'no dossier settled';
  return `${rate.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })}%`;
}

function vnDay(day: LocalDate): string {
  const { year, month, day: d } = parseLocalDate(day);
  return `${String(d).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

const LINES: readonly { key: keyof II06aCounts; indent: boolean; vi: string; en: string }[] = [
  { key: 'receivedTotal', indent: false, vi: '(3) Số hồ sơ nhận giải quyết', en: '(3) Dossiers to settle' },
  { key: 'receivedOnline', indent: true, vi: '(4) Tiếp nhận trực tuyến', en: '(4) Received online' },
  {
    key: 'receivedDirect',
    indent: true,
    vi: '(5) Tiếp nhận trực tiếp, dịch vụ bưu chính',
    en: '(5) Received at the counter or by post',
  },
  { key: 'carriedOver', indent: true, vi: '(6) Từ kỳ trước chuyển sang', en: '(6) Carried over' },
  { key: 'settledTotal', indent: false, vi: '(7) Số hồ sơ đã giải quyết', en: '(7) Dossiers settled' },
  { key: 'settledEarly', indent: true, vi: '(8) Trước hạn', en: '(8) Early' },
  { key: 'settledOnTime', indent: true, vi: '(9) Đúng hạn', en: '(9) On time' },
  { key: 'settledLate', indent: true, vi: '(10) Quá hạn', en: '(10) Late' },
  {
    key: 'inProgressTotal',
    indent: false,
    vi: '(11) Số hồ sơ đang giải quyết cuối tuần',
    en: '(11) In progress at the end of the week',
  },
  { key: 'inProgressWithinTime', indent: true, vi: '(12) Trong hạn', en: '(12) Within time' },
  { key: 'inProgressOverdue', indent: true, vi: '(13) Quá hạn', en: '(13) Overdue' },
];

/** Subject and plain-text body of the weekly report e-mail (Vietnamese or English). */
export function renderWeeklyEmail(
  r: Omit<WeeklyReport, 'subject' | 'text'>,
  options: { language: Language; weekStart: LocalDate; isPartial: boolean; now: Date },
): { subject: string; text: string } {
  const { language: lang } = options;
  const vi = lang === 'vi';
  const { week, year } = isoWeekOf(options.weekStart);
  const unitName = r.unit?.name ?? (vi ? 'Toàn tỉnh' : 'Whole province');
  const subject = vi
    ? `Báo cáo tuần ${week}/${year} – ${unitName}`
    : `Weekly report, week ${week}/${year} – ${unitName}`;
  const n = (x: number): string => numberText(x, lang);
  const lines: string[] = [
    vi ? `BÁO CÁO TUẦN ${week}/${year}` : `WEEKLY REPORT, WEEK ${week}/${year}`,
    `${vi ? 'Đơn vị' : 'Unit'}: ${unitName}`,
    vi
      ? `Từ ngày ${vnDay(r.week.from)} đến ngày ${vnDay(r.week.to)}; tuần trước: từ ngày ${vnDay(r.previousWeek.from)} đến ngày ${vnDay(r.previousWeek.to)}`
      : `From ${vnDay(r.week.from)} to ${vnDay(r.week.to)}; previous week: ${vnDay(r.previousWeek.from)} to ${vnDay(r.previousWeek.to)}`,
  ];
  if (options.isPartial)
    lines.push(vi ? 'Tuần chưa kết thúc: số liệu tạm tính.' : 'The week has not ended: provisional figures.');
  lines.push(
    '',
    `${vi ? 'Tỷ lệ giải quyết đúng hạn' : 'On-time rate'}: ${rateText(r.onTimeRate, lang)} (${vi ? 'tuần trước' : 'previous week'}: ${rateText(r.previousOnTimeRate, lang)})`,
    `${vi ? 'Hồ sơ đang quá hạn hiện nay' : 'Dossiers overdue now'}: ${n(r.overdueNow)}`,
    '',
    vi
      ? 'Số liệu theo Biểu II.06a (tuần này; tuần trước):'
      : 'Figures of form II.06a (this week; previous week):',
  );
  for (const line of LINES) {
    lines.push(
      `${line.indent ? '    ' : ''}${vi ? line.vi : line.en}: ${n(r.counts[line.key])} (${vi ? 'tuần trước' : 'previous week'}: ${n(r.previousCounts[line.key])})`,
    );
  }
  if (r.worstUnits.length > 0) {
    lines.push('', vi ? 'Đơn vị có tỷ lệ đúng hạn thấp nhất:' : 'Units with the lowest on-time rates:');
    r.worstUnits.forEach((u, i) => {
      const onTime = u.counts.settledEarly + u.counts.settledOnTime;
      lines.push(
        vi
          ? `${i + 1}. ${u.unit.name}: ${rateText(u.onTimeRate, lang)} (${n(onTime)}/${n(u.counts.settledTotal)} hồ sơ đúng hạn)`
          : `${i + 1}. ${u.unit.name}: ${rateText(u.onTimeRate, lang)} (${n(onTime)} of ${n(u.counts.settledTotal)} on time)`,
      );
    });
  }
  lines.push(
    '',
    vi
      ? `Số liệu tính từ lịch sử hồ sơ lúc ${formatVnDateTime(options.now)}, theo cùng định nghĩa với Biểu II.06a.`
      : `Computed from the dossiers' history at ${formatVnDateTime(options.now)}, with the definitions of form II.06a.`,
  );
  return { subject, text: `${lines.join('\n')}\n` };
}

/* ------------------------------------------------------------------ subscriptions */

type SubscriptionRow = NonNullable<Awaited<ReturnType<typeof findWeeklySubscription>>>;

function toView(row: SubscriptionRow): SubscriptionView {
  return {
    id: row.id,
    unit: toReportUnit({
      id: row.unitId,
      name: row.unitName,
      shortName: row.unitShortName,
      agencyCode: row.unitAgencyCode,
      kind: row.unitKind,
    }),
    recipients: [...row.recipients],
    language: row.language === 'en' ? 'en' : 'vi',
    createdAt: row.createdAt.toISOString(),
    lastSentWeek: row.lastSentWeek,
    nextRunAt: row.nextRunAt.toISOString(),
  };
}

function weeklyMessage(subscriptionId: string, runAt: Date) {
  const payload: WeeklyReportMessage = { subscriptionId, runAt: runAt.toISOString() };
  return {
    topic: WEEKLY_REPORT_TOPIC,
    aggregateType: 'report_subscription',
    aggregateId: subscriptionId,
    payload,
    availableAt: runAt,
  } as const;
}

function subscriptionNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No weekly report subscription ${id}`, { id });
}

/** Weekly report subscriptions of the units the actor may report on (the system sees all). */
export async function listWeeklySubscriptions(ctx: AppContext, actor: Actor): Promise<SubscriptionView[]> {
  await resolveScope(ctx, actor, undefined);
  const ancestors = actor.type === 'system' ? null : (await reportGrants(ctx, actor)).map((g) => g.unit.id);
  return (await listActiveWeeklySubscriptions(ctx.db, ancestors)).map(toView);
}

/**
 * E-mails the weekly report of a unit every Monday at 07:00 to the recipients. The officer must be
 * allowed to report on the unit. The subscription, its audit entry and its first run (an outbox
 * message due at `next_run_at`) are written in one transaction.
 */
export async function createSubscription(
  ctx: AppContext,
  actor: Actor,
  body: z.input<typeof SubscriptionInput>,
  meta: { requestId?: string | null | undefined } = {},
): Promise<SubscriptionView> {
  const parsed = SubscriptionInput.safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A subscription needs a unit and 1 to 50 valid e-mail addresses / cần đơn vị và từ 1 đến 50 địa chỉ e-mail hợp lệ',
      { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    );
  }
  const input = parsed.data;
  const { unit } = await resolveScope(ctx, actor, input.unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', `Unit ${input.unitId} not found`);
  const seen = new Set<string>();
  const recipients = input.recipients
    .map((r) => r.trim())
    .filter((r) => {
      const key = r.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const now = ctx.clock();
  const nextRunAt = nextWeeklyRunAfter(now);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertWeeklySubscription(trx, {
      unitId: unit.id,
      recipients,
      language: input.language,
      createdBy: actor.type === 'officer' ? actor.id : null,
      createdAt: now,
      nextRunAt,
    });
    await recordAudit(
      trx,
      actor,
      {
        type: 'statistics.subscription_created',
        entityType: 'report_subscription',
        entityId: created,
        summary: { unitId: unit.id, recipients: recipients.length },
      },
      { at: now, requestId: meta.requestId },
    );
    await enqueue(trx, [weeklyMessage(created, nextRunAt)], now);
    return created;
  });
  const row = await findWeeklySubscription(ctx.db, id);
  if (!row) throw subscriptionNotFound(id);
  return toView(row);
}

/**
 * Stops a subscription (is_active = false, audited); its scheduled run then sends nothing and ends
 * the chain. Unknown id: 404; a unit outside the actor's report scope: 403. Cancelling twice is a
 * no-op.
 */
export async function cancelSubscription(
  ctx: AppContext,
  actor: Actor,
  id: string,
  meta: { requestId?: string | null | undefined } = {},
): Promise<void> {
  if (!z.uuid().safeParse(id).success) throw subscriptionNotFound(id);
  const found = await findWeeklySubscription(ctx.db, id);
  if (!found) throw subscriptionNotFound(id);
  await resolveScope(ctx, actor, found.unitId);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deactivateWeeklySubscription(trx, id))) return;
    await recordAudit(
      trx,
      actor,
      {
        type: 'statistics.subscription_cancelled',
        entityType: 'report_subscription',
        entityId: id,
        summary: { unitId: found.unitId },
      },
      { at: now, requestId: meta.requestId },
    );
  });
}

/* ------------------------------------------------------------------ the scheduled run */

/**
 * Outbox handler of `statistics.weekly_report`. In one transaction: lock the subscription; do
 * nothing if it was cancelled or if this message is not its current run (a redelivery after the
 * run committed); else compute the report of the week that ended before the run, as the system
 * scoped to the unit, enqueue one e-mail per recipient (unless that week was already sent),
 * record the week and the next run (the following Monday 07:00) and enqueue the message of the
 * next run.
 */
export async function sendWeeklyReport(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const parsed = WeeklyReportMessage.safeParse(message.payload);
  if (!parsed.success)
    throw new PermanentDeliveryError(`Invalid ${WEEKLY_REPORT_TOPIC} payload: ${parsed.error.message}`);
  const { subscriptionId } = parsed.data;
  const runAt = new Date(parsed.data.runAt);
  await ctx.db.transaction().execute(async (trx) => {
    const sub = await findWeeklySubscription(trx, subscriptionId, true);
    if (!sub || !sub.isActive) return;
    const now = ctx.clock();
    if (sub.nextRunAt.getTime() !== runAt.getTime() || sub.nextRunAt.getTime() > now.getTime()) return;
    const week = weekReportedAt(sub.nextRunAt);
    const next = followingRun(sub.nextRunAt);
    if (sub.lastSentWeek !== week.from) {
      const language: Language = sub.language === 'en' ? 'en' : 'vi';
      // Inside the transaction (PGlite has one connection; the lock is held meanwhile).
      const report = await buildWeeklyReport(
        { ...ctx, db: trx },
        SYSTEM_ACTOR,
        { unitId: sub.unitId, weekStart: week.from },
        language,
      );
      for (const to of sub.recipients) {
        await enqueueEmail(
          trx,
          { to: [to], subject: report.subject, text: report.text, category: EMAIL_CATEGORY, language },
          now,
        );
      }
    }
    await markWeeklyReportSent(trx, sub.id, { week: week.from, nextRunAt: next });
    await enqueue(trx, [weeklyMessage(sub.id, next)], now);
  });
}
