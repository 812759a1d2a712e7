import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Channel } from '../catalog/catalog-schemas.ts';
import type { DossierStatus } from '../dossier/dossier-status.ts';
import { toLocalDate, type LocalDate } from '../time/local-time.ts';
import {
  classifySettlement,
  effectiveEndAt,
  overdueSpans,
  reportFactsFromHistory,
  type OverdueSpan,
  type ReportDeadline,
  type ReportDossier,
  type ReportHistoryEntry,
  type SettlementKind,
  type Timeliness,
} from './report-definitions.ts';

/**
 * Per-dossier report facts and the daily counters they add up to (docs/adr/0010-statistics-rollup.md).
 *
 * Every number of the reports, the map, the dashboards and the 766 indicators is a sum, over days,
 * of counters that each dossier contributes on given days: its receipt day, its settlement day, the
 * first and the end day of each overdue span, and so on. The counters are a pure function of the
 * dossier's stored facts, so the same function keeps the rollup exact after every transition
 * (subtract the dossier's old counters, add the new) and rebuilds it from scratch after a bulk load.
 */

/** What the report facts are computed from: the dossier projection and a few joined flags. */
export interface ReportSource {
  channel: Channel;
  status: DossierStatus;
  submittedAt: Date;
  receivedAt: Date | null;
  completedAt: Date | null;
  dueAt: Date | null;
  deadline: ReportDeadline | null;
  supplementCount: number;
  isObligationTimeExcluded: boolean;
  /** The history rows that matter to the report (any superset works), in order. */
  history: readonly ReportHistoryEntry[];
  /** At least one component file is attached (scanned or uploaded). */
  hasComponentFile: boolean;
  /** The result document is attached as a file. */
  hasResultFile: boolean;
  /** The procedure's result must also exist on paper (766 indicators 4.1, 4.2). */
  isResultPaperRequired: boolean;
  /** At least one component was reused from a database instead of being asked again. */
  hasReusedComponent: boolean;
  rating: { ratedAt: Date; score: number } | null;
}

/** The facts of one dossier the reports are made of (stored in `report_dossier_fact`). */
export interface DossierReportFacts {
  submittedDay: LocalDate;
  /** Receipt day (legal clock started); null when never received. */
  receivedDay: LocalDate | null;
  /** Refused at intake (never received). */
  refusedDay: LocalDate | null;
  /** Settlement day of a received dossier. */
  completedDay: LocalDate | null;
  timeliness: Timeliness | null;
  settlementKind: SettlementKind | null;
  isWithdrawn: boolean;
  /** Working minutes from receipt to the end of processing, paused time excluded (settled with a result). */
  settlementWorkingMinutes: number | null;
  /** Day of the (first) supplement request during processing. */
  supplementDay: LocalDate | null;
  /** Components digitised and, when a paper result is required and the result is out, the e-result too. */
  isDigitised: boolean;
  isReused: boolean;
  ratingDay: LocalDate | null;
  ratingScore: number | null;
  overdueSpans: OverdueSpan[];
}

/** The report view of a dossier used by the II.06a definitions. */
export function reportDossierOf(src: ReportSource): ReportDossier {
  const { settlementKind, openPauseFrom } = reportFactsFromHistory(src.history, src.isObligationTimeExcluded);
  const isSettled = src.completedAt !== null;
  return {
    channel: src.channel,
    receivedAt: src.receivedAt,
    completedAt: src.completedAt,
    dueAt: src.dueAt,
    deadline: src.deadline,
    openPauseFrom,
    settlementKind: isSettled ? (settlementKind ?? settlementKindOfStatus(src.status)) : null,
    supplementCount: src.supplementCount,
  };
}

function settlementKindOfStatus(status: DossierStatus): SettlementKind {
  switch (status) {
    case 'refused':
      return 'refused';
    case 'stopped':
      return 'stopped';
    case 'submitted':
    case 'received':
    case 'processing':
    case 'awaiting_supplement':
    case 'awaiting_obligation':
    case 'withdrawal_requested':
    case 'result_ready':
    case 'returned':
      return 'result';
  }
}

/** Working minutes the clock ran from receipt to `end`, closed pauses before `end` excluded. */
export function settlementWorkingMinutes(
  d: Pick<ReportDossier, 'receivedAt' | 'deadline'>,
  end: Date,
  calendar: WorkingCalendar,
): number {
  if (d.receivedAt === null) return 0;
  let minutes = calendar.workingMinutesBetween(d.receivedAt, end);
  for (const item of d.deadline?.items ?? []) {
    if (item.type !== 'paused') continue;
    const from = new Date(item.from);
    const to = new Date(Math.min(Date.parse(item.to), end.getTime()));
    if (to.getTime() > from.getTime()) minutes -= calendar.workingMinutesBetween(from, to);
  }
  return Math.max(0, Math.round(minutes));
}

export function reportFactsOf(src: ReportSource, calendar: WorkingCalendar): DossierReportFacts {
  const d = reportDossierOf(src);
  const isReceived = d.receivedAt !== null;
  const end = effectiveEndAt(d);
  const kind = d.settlementKind;
  const isSettledReceived = isReceived && d.completedAt !== null && end !== null && kind !== null;
  const supplementRequest = src.history.find(
    (h) => h.action === 'request_supplement' && h.fromStatus === 'processing',
  );
  const hasResult = kind === 'result';
  return {
    submittedDay: toLocalDate(src.submittedAt),
    receivedDay: d.receivedAt ? toLocalDate(d.receivedAt) : null,
    refusedDay:
      !isReceived && src.status === 'refused' && src.completedAt ? toLocalDate(src.completedAt) : null,
    completedDay: isSettledReceived && d.completedAt ? toLocalDate(d.completedAt) : null,
    timeliness:
      isSettledReceived && end && kind
        ? classifySettlement(end, d.dueAt, kind, d.supplementCount ?? 0)
        : null,
    settlementKind: isSettledReceived ? kind : null,
    isWithdrawn: isSettledReceived && kind === 'withdrawn',
    settlementWorkingMinutes:
      isSettledReceived && hasResult && end ? settlementWorkingMinutes(d, end, calendar) : null,
    supplementDay: supplementRequest ? toLocalDate(supplementRequest.occurredAt) : null,
    isDigitised: src.hasComponentFile && !(hasResult && src.isResultPaperRequired && !src.hasResultFile),
    isReused: src.hasReusedComponent,
    ratingDay: src.rating ? toLocalDate(src.rating.ratedAt) : null,
    ratingScore: src.rating ? src.rating.score : null,
    overdueSpans: overdueSpans(d),
  };
}

/** The counters of the daily rollup, in the order of the `report_daily` columns. */
export const REPORT_COUNTERS = [
  'submitted',
  'received',
  'refused',
  'settledEarly',
  'settledOnTime',
  'settledLate',
  'settledWithdrawn',
  'settledResult',
  'settlementMinutes',
  'overdueFrom',
  'overdueTo',
  'supplementRequested',
  'digitised',
  'reused',
  'rated',
  'ratedLow',
  'ratingSum',
] as const;
export type ReportCounter = (typeof REPORT_COUNTERS)[number];

/** One contribution of a dossier to the rollup: `value` added to `counter` on `day`. */
export interface CounterEntry {
  day: LocalDate;
  counter: ReportCounter;
  value: number;
}

/** A rating of 1 or 2 out of 5 counts as a dislike (766 indicator 5.4). */
export const LOW_RATING_MAX = 2;

/** The counters a dossier adds to the rollup. */
export function factCounters(f: DossierReportFacts): CounterEntry[] {
  const out: CounterEntry[] = [{ day: f.submittedDay, counter: 'submitted', value: 1 }];
  if (f.receivedDay) {
    out.push({ day: f.receivedDay, counter: 'received', value: 1 });
    if (f.isDigitised) out.push({ day: f.receivedDay, counter: 'digitised', value: 1 });
    if (f.isReused) out.push({ day: f.receivedDay, counter: 'reused', value: 1 });
  }
  if (f.refusedDay) out.push({ day: f.refusedDay, counter: 'refused', value: 1 });
  if (f.completedDay && f.timeliness) {
    const counter =
      f.timeliness === 'early'
        ? 'settledEarly'
        : f.timeliness === 'on_time'
          ? 'settledOnTime'
          : 'settledLate';
    out.push({ day: f.completedDay, counter, value: 1 });
    if (f.isWithdrawn) out.push({ day: f.completedDay, counter: 'settledWithdrawn', value: 1 });
    if (f.settlementWorkingMinutes !== null) {
      out.push({ day: f.completedDay, counter: 'settledResult', value: 1 });
      out.push({ day: f.completedDay, counter: 'settlementMinutes', value: f.settlementWorkingMinutes });
    }
  }
  for (const s of f.overdueSpans) {
    out.push({ day: s.from, counter: 'overdueFrom', value: 1 });
    if (s.to) out.push({ day: s.to, counter: 'overdueTo', value: 1 });
  }
  if (f.supplementDay) out.push({ day: f.supplementDay, counter: 'supplementRequested', value: 1 });
  if (f.ratingDay && f.ratingScore !== null) {
    out.push({ day: f.ratingDay, counter: 'rated', value: 1 });
    out.push({ day: f.ratingDay, counter: 'ratingSum', value: f.ratingScore });
    if (f.ratingScore <= LOW_RATING_MAX) out.push({ day: f.ratingDay, counter: 'ratedLow', value: 1 });
  }
  return out;
}

/**
 * What changes in the rollup when a dossier's facts go from `before` to `after`: per day and
 * counter, the non-zero differences (sorted by day and counter, so concurrent writers lock rollup
 * rows in the same order).
 */
export function counterDelta(before: DossierReportFacts | null, after: DossierReportFacts): CounterEntry[] {
  const sums = new Map<string, CounterEntry>();
  const add = (entries: readonly CounterEntry[], sign: 1 | -1): void => {
    for (const e of entries) {
      const key = `${e.day}|${e.counter}`;
      const existing = sums.get(key);
      if (existing) existing.value += sign * e.value;
      else sums.set(key, { day: e.day, counter: e.counter, value: sign * e.value });
    }
  };
  if (before) add(factCounters(before), -1);
  add(factCounters(after), 1);
  return [...sums.values()]
    .filter((e) => e.value !== 0)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.counter < b.counter ? -1 : 1));
}
