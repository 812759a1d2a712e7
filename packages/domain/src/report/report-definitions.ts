import { CHANNEL_SYNC_CODE, type Channel } from '../catalog/catalog-schemas.ts';
import type { DeadlineResult } from '../deadline/deadline-types.ts';
import type { DossierStatus } from '../dossier/dossier-status.ts';
import {
  addLocalDays,
  isLocalDate,
  startOfLocalDay,
  toLocalDate,
  type LocalDate,
} from '../time/local-time.ts';
import { emptyII06aCounts, withII06aTotals, type II06aCounts } from './report-columns.ts';

/**
 * The definitions behind every number of the II.06a report and the 766 progress indicators
 * (domain.md §4; the choices and why: docs/adr/0009-report-definitions.md). Pure functions of the
 * dossier's stored facts, so the same definition serves the SQL aggregation (checked against these
 * functions by a randomized test), the drill-down and the tests.
 *
 * - A period is whole days in Vietnam: [start of `from`, start of the day after `to`).
 * - Processing ends at `completedAt` (ngày kết thúc xử lý: result ready, refused, stopped or
 *   withdrawn), not at the return of the result.
 * - Settled dossiers are classified at DATE granularity in Vietnam time (the 766 practice): the end
 *   date before the due date is early, on the due date on time (even hours after the due time),
 *   after it late. Withdrawn dossiers count as on time. A dossier settled while its clock was paused
 *   (stopped while awaiting a supplement) ends, for the comparison, when the pause started.
 * - More than one supplement request during processing makes a settled dossier late (766 rule).
 * - In progress at the evaluation instant (the end of the period, or now for a period that has not
 *   ended): overdue when the due date in force then is before that instant's date, i.e. when the
 *   dossier can no longer be settled on time; a dossier whose clock is paused then (awaiting a
 *   supplement, or a financial obligation whose time is excluded) is within time.
 */

/** The part of a stored deadline the report reads: the final due date and the clock's history. */
export type ReportDeadline = Pick<DeadlineResult, 'dueAt' | 'items'>;

/** A report period: whole days in Vietnam, both ends included. */
export interface ReportPeriod {
  from: LocalDate;
  to: LocalDate;
}

export type SettlementKind = 'result' | 'refused' | 'stopped' | 'withdrawn';
export type Timeliness = 'early' | 'on_time' | 'late';
export type InProgressState = 'within_time' | 'overdue';

export const TIMELINESS_LABELS = {
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
} as const satisfies Record<Timeliness, { vi: string; en: string }>;

export const IN_PROGRESS_LABELS = {
  within_time: { vi: 'Trong hạn', en: 'Within time' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
} as const satisfies Record<InProgressState, { vi: string; en: string }>;

/** Throws unless `from` and `to` are valid dates with from ≤ to. */
export function assertReportPeriod(period: ReportPeriod): void {
  if (!isLocalDate(period.from) || !isLocalDate(period.to)) {
    throw new RangeError(`Invalid report period ${period.from}..${period.to}`);
  }
  if (period.from > period.to)
    throw new RangeError(`The period starts (${period.from}) after it ends (${period.to})`);
}

/** First instant of the period (local midnight of `from`). */
export function periodStartAt(period: ReportPeriod): Date {
  return startOfLocalDay(period.from);
}

/** First instant after the period (local midnight of the day after `to`). */
export function periodEndAt(period: ReportPeriod): Date {
  return startOfLocalDay(addLocalDays(period.to, 1));
}

/** Column 4 (online: national channel code 2, i.e. online and chat) or column 5 (counter, postal). */
export function isOnlineChannel(channel: Channel): boolean {
  return CHANNEL_SYNC_CODE[channel] === 2;
}

/**
 * Early, on time or late, comparing Vietnam calendar dates (766 practice, `CONVERT(DATE, …)`):
 * a dossier settled on its due day is on time even hours after the due time, and late from the
 * next day. Withdrawn dossiers are on time (practice: the withdrawal is the applicant's choice);
 * without a due date (procedures with no appointment) a dossier cannot be late. More than one
 * supplement request during processing is late whatever the dates (766 indicator 2.1).
 */
export function classifySettlement(
  endAt: Date,
  dueAt: Date | null,
  kind: SettlementKind,
  supplementCount = 0,
): Timeliness {
  if (kind === 'withdrawn') return 'on_time';
  if (supplementCount > 1) return 'late';
  if (dueAt === null) return 'on_time';
  const end = toLocalDate(endAt);
  const due = toLocalDate(dueAt);
  if (end < due) return 'early';
  return end === due ? 'on_time' : 'late';
}

/**
 * The due date in force at a past instant, reconstructed from the stored deadline: the explanation
 * items are the clock's history (a 'paused' item per closed pause, a 'due' item after every
 * computation, resumption and extension). Returns 'paused' when the clock was paused at `at`:
 * inside a closed pause, or after the start of the pause still open (`openPauseFrom`).
 *
 * Between two pauses the due date in force is the last one of that stretch, extension included: an
 * apology letter must be sent before the due date, so before the letter the dossier was within time
 * under both dates and the choice never changes a classification.
 */
export function dueInForceAt(
  deadline: ReportDeadline,
  at: Date,
  openPauseFrom: Date | null = null,
): Date | 'paused' {
  const t = at.getTime();
  if (openPauseFrom !== null && openPauseFrom.getTime() <= t) return 'paused';
  let due: string | undefined;
  for (const item of deadline.items) {
    if (item.type === 'due') due = item.at;
    else if (item.type === 'paused') {
      if (t < Date.parse(item.from)) break;
      if (t < Date.parse(item.to)) return 'paused';
    }
  }
  return new Date(due ?? deadline.dueAt);
}

/** What the report needs to know about one dossier (from the projection and its history). */
export interface ReportDossier {
  channel: Channel;
  /** Start of the legal clock; null for online dossiers never accepted (not in the report). */
  receivedAt: Date | null;
  /** End of processing (settled); null while in progress. */
  completedAt: Date | null;
  /** Current (or, once settled, final) due date. */
  dueAt: Date | null;
  deadline: ReportDeadline | null;
  /** Start of the clock pause never resumed: still open now, or open when the dossier was settled. */
  openPauseFrom: Date | null;
  /** How the dossier was settled; null while in progress. */
  settlementKind: SettlementKind | null;
  /** Supplement requests during processing (more than one makes a settled dossier late). */
  supplementCount?: number;
}

/** The instant compared with the due date: the settlement, or the start of a pause still open then. */
export function effectiveEndAt(d: Pick<ReportDossier, 'completedAt' | 'openPauseFrom'>): Date | null {
  if (d.completedAt === null) return null;
  if (d.openPauseFrom !== null && d.openPauseFrom.getTime() < d.completedAt.getTime()) return d.openPauseFrom;
  return d.completedAt;
}

/** A stretch of running clock [from, to) (epoch ms) with the due date in force during it. */
export interface ClockStretch {
  from: number;
  to: number;
  dueAt: Date | null;
}

/**
 * The running stretches of a dossier's legal clock from receipt on: cut by every closed pause of
 * the deadline explanation and by the pause still open. The due date in force during a stretch is
 * the last one computed before the next pause (see `dueInForceAt`).
 */
export function clockStretches(
  d: Pick<ReportDossier, 'receivedAt' | 'deadline' | 'dueAt' | 'openPauseFrom'>,
): ClockStretch[] {
  if (d.receivedAt === null) return [];
  const stretches: ClockStretch[] = [];
  let from = d.receivedAt.getTime();
  if (d.deadline) {
    let due: string | undefined;
    for (const item of d.deadline.items) {
      if (item.type === 'due') due = item.at;
      else if (item.type === 'paused') {
        stretches.push({ from, to: Date.parse(item.from), dueAt: new Date(due ?? d.deadline.dueAt) });
        from = Date.parse(item.to);
      }
    }
    stretches.push({ from, to: Number.POSITIVE_INFINITY, dueAt: new Date(due ?? d.deadline.dueAt) });
  } else {
    stretches.push({ from, to: Number.POSITIVE_INFINITY, dueAt: d.dueAt });
  }
  const pause = d.openPauseFrom?.getTime();
  return stretches
    .filter((s) => s.to > s.from && (pause === undefined || s.from < pause))
    .map((s) => (pause !== undefined && s.to > pause ? { ...s, to: pause } : s));
}

/**
 * Within time or overdue at instant `at` (the dossier is open then): overdue when the due date in
 * force is before the date of `at`, so that "within time" always means "can still be settled on
 * time". At the end of a period (`at` = midnight after its last day) a dossier due on the last day
 * and still open is overdue; in the middle of today a dossier due today is within time.
 */
export function classifyInProgress(
  d: Pick<ReportDossier, 'receivedAt' | 'deadline' | 'dueAt' | 'openPauseFrom'>,
  at: Date,
): InProgressState {
  const t = at.getTime();
  const stretch = clockStretches(d).find((s) => s.from <= t && t < s.to);
  if (!stretch || stretch.dueAt === null) return 'within_time';
  return toLocalDate(stretch.dueAt) < toLocalDate(at) ? 'overdue' : 'within_time';
}

/** The instant the in-progress columns are judged at: the end of the period, or `now` if earlier. */
export function evaluationInstant(period: ReportPeriod, now?: Date): Date {
  const end = periodEndAt(period);
  return now !== undefined && now.getTime() < end.getTime() ? now : end;
}

/**
 * Report days X (a period's last day) for which the dossier counts as in progress and overdue at the
 * end of X, as spans [from, to) of local dates (`to` null: still overdue if nothing happens).
 * Counting the spans that contain X gives column 13 of any period ending on X without reading the
 * dossiers again; it agrees with `classifyInProgress(d, periodEndAt(X))` for every X.
 */
export interface OverdueSpan {
  from: LocalDate;
  to: LocalDate | null;
}

function firstMidnightAtOrAfter(t: number): LocalDate {
  const date = toLocalDate(new Date(t));
  return startOfLocalDay(date).getTime() >= t ? date : addLocalDays(date, 1);
}

export function overdueSpans(
  d: Pick<ReportDossier, 'receivedAt' | 'completedAt' | 'deadline' | 'dueAt' | 'openPauseFrom'>,
): OverdueSpan[] {
  if (d.receivedAt === null) return [];
  const received = d.receivedAt.getTime();
  // Open at midnight M when received < M <= completed.
  const openUntil = d.completedAt === null ? Number.POSITIVE_INFINITY : d.completedAt.getTime() + 1;
  const spans: OverdueSpan[] = [];
  for (const s of clockStretches(d)) {
    if (s.dueAt === null) continue;
    const overdueFrom = startOfLocalDay(addLocalDays(toLocalDate(s.dueAt), 1)).getTime();
    const lo = Math.max(s.from, received + 1, overdueFrom);
    const hi = Math.min(s.to, openUntil);
    if (!(hi > lo)) continue;
    const firstDay = firstMidnightAtOrAfter(lo);
    const endDay = Number.isFinite(hi) ? firstMidnightAtOrAfter(hi) : null;
    if (endDay !== null && endDay <= firstDay) continue;
    const span: OverdueSpan = {
      from: addLocalDays(firstDay, -1),
      to: endDay === null ? null : addLocalDays(endDay, -1),
    };
    const last = spans[spans.length - 1];
    if (last && last.to === span.from) last.to = span.to;
    else spans.push(span);
  }
  return spans;
}

/** Whether a report day X falls in one of the spans. */
export function isInOverdueSpans(spans: readonly OverdueSpan[], day: LocalDate): boolean {
  return spans.some((s) => s.from <= day && (s.to === null || day < s.to));
}

/** Where one dossier falls in the report of a period (undefined parts: not in that column). */
export interface II06aPlacement {
  received?: 'receivedOnline' | 'receivedDirect';
  isCarriedOver: boolean;
  settled?: Timeliness;
  isWithdrawn: boolean;
  inProgress?: InProgressState;
}

/**
 * The columns a dossier counts in for a period. Dossiers never received (refused at intake, online
 * submissions not yet accepted) are in none: the report counts dossiers whose legal clock started.
 * Every received dossier that counts in 3 (= 4 + 5 + 6) counts in exactly one of 7 and 11. `now`
 * cuts a period that has not ended yet: its in-progress columns are judged at `now`.
 */
export function placeInII06a(d: ReportDossier, period: ReportPeriod, now?: Date): II06aPlacement | undefined {
  if (d.receivedAt === null) return undefined;
  const start = periodStartAt(period).getTime();
  // A period that has not ended is the part of it up to `now`.
  const at = evaluationInstant(period, now);
  const end = at.getTime();
  const received = d.receivedAt.getTime();
  const completed = d.completedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const placement: II06aPlacement = { isCarriedOver: false, isWithdrawn: false };
  if (received >= start && received < end) {
    placement.received = isOnlineChannel(d.channel) ? 'receivedOnline' : 'receivedDirect';
  }
  if (received < start && completed >= start) placement.isCarriedOver = true;
  const effectiveEnd = effectiveEndAt(d);
  if (d.completedAt !== null && effectiveEnd !== null && completed >= start && completed < end) {
    const kind = d.settlementKind ?? 'result';
    placement.settled = classifySettlement(effectiveEnd, d.dueAt, kind, d.supplementCount ?? 0);
    placement.isWithdrawn = kind === 'withdrawn';
  }
  if (received < end && completed >= end) {
    placement.inProgress = classifyInProgress(d, at);
  }
  return placement;
}

/**
 * The straightforward recount: II.06a columns 3–13 of a set of dossiers for a period, one dossier at a
 * time with the definitions above. The SQL aggregation must give the same numbers.
 */
export function countII06a(dossiers: Iterable<ReportDossier>, period: ReportPeriod, now?: Date): II06aCounts {
  const counts = emptyII06aCounts();
  for (const d of dossiers) {
    const p = placeInII06a(d, period, now);
    if (!p) continue;
    if (p.received) counts[p.received] += 1;
    if (p.isCarriedOver) counts.carriedOver += 1;
    if (p.settled === 'early') counts.settledEarly += 1;
    if (p.settled === 'on_time') counts.settledOnTime += 1;
    if (p.settled === 'late') counts.settledLate += 1;
    if (p.isWithdrawn) counts.settledWithdrawn += 1;
    if (p.inProgress === 'within_time') counts.inProgressWithinTime += 1;
    if (p.inProgress === 'overdue') counts.inProgressOverdue += 1;
  }
  return withII06aTotals(counts);
}

/** One row of a dossier's history, as the report reads it. */
export interface ReportHistoryEntry {
  action: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  occurredAt: Date;
}

/**
 * Settlement kind and the clock pause left open, replayed from the history (in order): the clock
 * pauses when a supplement is requested during processing, or a financial obligation whose time is
 * excluded, and resumes when the supplement is supplied or the obligation fulfilled; a withdrawal
 * request does not resume it.
 */
export function reportFactsFromHistory(
  history: readonly ReportHistoryEntry[],
  isObligationTimeExcluded: boolean,
): { settlementKind: SettlementKind | null; openPauseFrom: Date | null } {
  let settlementKind: SettlementKind | null = null;
  let pauseFrom: Date | null = null;
  for (const h of history) {
    if (h.action === 'request_supplement' && h.fromStatus === 'processing') pauseFrom = h.occurredAt;
    if (h.action === 'request_obligation' && isObligationTimeExcluded) pauseFrom = h.occurredAt;
    if (h.action === 'supply' || h.action === 'fulfil_obligation') pauseFrom = null;
    if (h.action === 'issue_result') settlementKind = 'result';
    if (h.action === 'refuse') settlementKind = 'refused';
    if (h.action === 'stop') settlementKind = 'stopped';
    if (h.action === 'confirm_withdrawal') settlementKind = 'withdrawn';
  }
  return { settlementKind, openPauseFrom: pauseFrom };
}
