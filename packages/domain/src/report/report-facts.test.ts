import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.ts';
import { createWorkingCalendar } from '../calendar/working-calendar.ts';
import type { Channel } from '../catalog/catalog-schemas.ts';
import { computeDeadline, extendDeadline, resumeAfterPause } from '../deadline/compute-deadline.ts';
import type { DeadlineResult } from '../deadline/deadline-types.ts';
import type { DossierStatus } from '../dossier/dossier-status.ts';
import { addLocalDays, localDateTime, toLocalDate, type LocalDate } from '../time/local-time.ts';
import { emptyII06aCounts, withII06aTotals, type II06aCounts } from './report-columns.ts';
import {
  classifyInProgress,
  countII06a,
  isInOverdueSpans,
  isOnlineChannel,
  overdueSpans,
  periodEndAt,
  type ReportHistoryEntry,
  type ReportPeriod,
} from './report-definitions.ts';
import {
  counterDelta,
  factCounters,
  reportDossierOf,
  reportFactsOf,
  settlementWorkingMinutes,
  type CounterEntry,
  type ReportSource,
} from './report-facts.ts';
import { periodBuckets, presetPeriod, previousWeek, weekStartOf } from './report-period.ts';

const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const vn = (date: string, time = '00:00'): Date => localDateTime(date, time);
const HOUR = 3_600_000;

interface Spec {
  channel: Channel;
  receivedHoursAfter: number; // from 2026-02-02 00:00
  days: number;
  pause: { afterHours: number; lengthHours: number | null; mode: 'pause' | 'restart' } | null;
  extendHours: number | null;
  end: { afterHours: number; kind: 'result' | 'stopped' | 'withdrawn' } | null;
  rating: number | null;
}

const BASE = vn('2026-02-02', '00:00').getTime();

/** Builds a consistent dossier (deadline, history, final status) from a random spec. */
function sourceOf(spec: Spec): ReportSource {
  const receivedAt = new Date(BASE + spec.receivedHoursAfter * HOUR);
  let deadline: DeadlineResult = computeDeadline({
    start: receivedAt,
    rule: { amount: spec.days, unit: 'working-days' },
    calendar,
  });
  const history: ReportHistoryEntry[] = [
    { action: 'receive', fromStatus: null, toStatus: 'received', occurredAt: receivedAt },
    { action: 'transfer', fromStatus: 'received', toStatus: 'processing', occurredAt: receivedAt },
  ];
  let t = receivedAt.getTime();
  let status: DossierStatus = 'processing';
  let supplementCount = 0;
  if (spec.extendHours !== null) {
    const at = t + spec.extendHours * HOUR;
    const newDue = new Date(Date.parse(deadline.dueAt) + 3 * 24 * HOUR);
    if (at < Date.parse(deadline.dueAt) - 24 * HOUR) {
      deadline = extendDeadline({ current: deadline, newDueAt: newDue, reason: 'Xin lỗi' });
      t = at;
    }
  }
  if (spec.pause) {
    const pausedAt = new Date(t + spec.pause.afterHours * HOUR);
    history.push({
      action: 'request_supplement',
      fromStatus: 'processing',
      toStatus: 'awaiting_supplement',
      occurredAt: pausedAt,
    });
    supplementCount = 1;
    status = 'awaiting_supplement';
    t = pausedAt.getTime();
    if (spec.pause.lengthHours !== null) {
      const resumedAt = new Date(t + spec.pause.lengthHours * HOUR);
      deadline = resumeAfterPause({
        current: deadline,
        pausedAt,
        resumedAt,
        mode: spec.pause.mode,
        reason: 'Bổ sung hồ sơ',
        calendar,
      });
      history.push({
        action: 'supply',
        fromStatus: 'awaiting_supplement',
        toStatus: 'processing',
        occurredAt: resumedAt,
      });
      status = 'processing';
      t = resumedAt.getTime();
    }
  }
  let completedAt: Date | null = null;
  if (spec.end) {
    completedAt = new Date(t + spec.end.afterHours * HOUR);
    if (spec.end.kind === 'result') {
      if (status === 'awaiting_supplement') {
        history.push({ action: 'stop', fromStatus: status, toStatus: 'stopped', occurredAt: completedAt });
        status = 'stopped';
      } else {
        history.push({
          action: 'issue_result',
          fromStatus: status,
          toStatus: 'result_ready',
          occurredAt: completedAt,
        });
        status = 'result_ready';
      }
    } else if (spec.end.kind === 'stopped') {
      history.push({ action: 'stop', fromStatus: status, toStatus: 'stopped', occurredAt: completedAt });
      status = 'stopped';
    } else {
      history.push({
        action: 'request_withdrawal',
        fromStatus: status,
        toStatus: 'withdrawal_requested',
        occurredAt: completedAt,
      });
      history.push({
        action: 'confirm_withdrawal',
        fromStatus: 'withdrawal_requested',
        toStatus: 'stopped',
        occurredAt: completedAt,
      });
      status = 'stopped';
    }
  }
  return {
    channel: spec.channel,
    status,
    submittedAt: receivedAt,
    receivedAt,
    completedAt,
    dueAt: new Date(deadline.dueAt),
    deadline,
    supplementCount,
    isObligationTimeExcluded: false,
    history,
    hasComponentFile: spec.channel === 'online',
    hasResultFile: false,
    isResultPaperRequired: false,
    hasReusedComponent: false,
    rating:
      spec.rating !== null && completedAt
        ? { ratedAt: new Date(completedAt.getTime() + 2 * HOUR), score: spec.rating }
        : null,
  };
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  channel: fc.constantFrom<Channel>('counter', 'online', 'postal', 'chat'),
  receivedHoursAfter: fc.integer({ min: 0, max: 24 * 80 }),
  days: fc.integer({ min: 1, max: 12 }),
  pause: fc.option(
    fc.record({
      afterHours: fc.integer({ min: 0, max: 24 * 20 }),
      lengthHours: fc.option(fc.integer({ min: 0, max: 24 * 15 }), { nil: null }),
      mode: fc.constantFrom<'pause' | 'restart'>('pause', 'restart'),
    }),
    { nil: null },
  ),
  extendHours: fc.option(fc.integer({ min: 1, max: 24 * 6 }), { nil: null }),
  end: fc.option(
    fc.record({
      afterHours: fc.integer({ min: 0, max: 24 * 30 }),
      kind: fc.constantFrom<'result' | 'stopped' | 'withdrawn'>('result', 'result', 'stopped', 'withdrawn'),
    }),
    { nil: null },
  ),
  rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});

const periodArb: fc.Arbitrary<ReportPeriod> = fc
  .tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 60 }))
  .map(([start, length]) => {
    const from = addLocalDays('2026-01-25', start);
    return { from, to: addLocalDays(from, length) };
  });

/** The rollup query of the statistics module, in JavaScript: sums of daily counters. */
function countFromCounters(
  rows: readonly (CounterEntry & { channel: Channel })[],
  period: ReportPeriod,
): II06aCounts {
  const c = emptyII06aCounts();
  let receivedBefore = 0;
  let settledBefore = 0;
  let receivedUpTo = 0;
  let settledUpTo = 0;
  let overdue = 0;
  const inPeriod = (day: LocalDate): boolean => day >= period.from && day <= period.to;
  for (const r of rows) {
    const isSettled =
      r.counter === 'settledEarly' || r.counter === 'settledOnTime' || r.counter === 'settledLate';
    if (r.counter === 'received') {
      if (r.day < period.from) receivedBefore += r.value;
      if (r.day <= period.to) receivedUpTo += r.value;
      if (inPeriod(r.day)) {
        if (isOnlineChannel(r.channel)) c.receivedOnline += r.value;
        else c.receivedDirect += r.value;
      }
    }
    if (isSettled) {
      if (r.day < period.from) settledBefore += r.value;
      if (r.day <= period.to) settledUpTo += r.value;
    }
    if (inPeriod(r.day)) {
      if (r.counter === 'settledEarly') c.settledEarly += r.value;
      if (r.counter === 'settledOnTime') c.settledOnTime += r.value;
      if (r.counter === 'settledLate') c.settledLate += r.value;
      if (r.counter === 'settledWithdrawn') c.settledWithdrawn += r.value;
    }
    if (r.day <= period.to) {
      if (r.counter === 'overdueFrom') overdue += r.value;
      if (r.counter === 'overdueTo') overdue -= r.value;
    }
  }
  c.carriedOver = receivedBefore - settledBefore;
  c.inProgressOverdue = overdue;
  c.inProgressWithinTime = receivedUpTo - settledUpTo - overdue;
  return withII06aTotals(c);
}

describe('overdue spans', () => {
  it('agree with classifyInProgress for every report day (property)', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const d = reportDossierOf(sourceOf(spec));
        const spans = overdueSpans(d);
        const received = d.receivedAt?.getTime() ?? 0;
        for (let day = '2026-01-30'; day <= '2026-07-30'; day = addLocalDays(day, 1)) {
          const at = periodEndAt({ from: day, to: day });
          const completed = d.completedAt?.getTime() ?? Infinity;
          const isOpen = received < at.getTime() && completed >= at.getTime();
          const expected = isOpen && classifyInProgress(d, at) === 'overdue';
          if (isInOverdueSpans(spans, day) !== expected) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('starts the day the due date ends and stops while the clock is paused', () => {
    // 5 working days from Mon 2/3/2026 09:00 → due Mon 9/3 09:00; supplement Wed 11/3 10:00, open.
    const src = sourceOf({
      channel: 'counter',
      receivedHoursAfter: 0,
      days: 5,
      pause: null,
      extendHours: null,
      end: null,
      rating: null,
    });
    const d = { ...reportDossierOf(src), openPauseFrom: vn('2026-03-11', '10:00') };
    const rec = vn('2026-03-02', '09:00');
    const deadline = computeDeadline({ start: rec, rule: { amount: 5, unit: 'working-days' }, calendar });
    expect(deadline.dueAt).toBe(vn('2026-03-09', '09:00').toISOString());
    expect(overdueSpans({ ...d, receivedAt: rec, deadline, dueAt: new Date(deadline.dueAt) })).toEqual([
      { from: '2026-03-09', to: '2026-03-11' },
    ]);
  });
});

describe('daily counters', () => {
  it('sum to the straightforward recount for any set of dossiers and any period (property)', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 25 }), periodArb, (specs, period) => {
        const sources = specs.map(sourceOf);
        const rows = sources.flatMap((s) =>
          factCounters(reportFactsOf(s, calendar)).map((e) => ({ ...e, channel: s.channel })),
        );
        const expected = countII06a(sources.map(reportDossierOf), period);
        expect(countFromCounters(rows, period)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('change by exactly the difference between the old and the new facts', () => {
    fc.assert(
      fc.property(specArb, specArb, (a, b) => {
        const before = reportFactsOf(sourceOf(a), calendar);
        const after = reportFactsOf(sourceOf(b), calendar);
        const total = new Map<string, number>();
        for (const e of factCounters(before))
          total.set(`${e.day}|${e.counter}`, (total.get(`${e.day}|${e.counter}`) ?? 0) + e.value);
        for (const e of counterDelta(before, after))
          total.set(`${e.day}|${e.counter}`, (total.get(`${e.day}|${e.counter}`) ?? 0) + e.value);
        const expected = new Map<string, number>();
        for (const e of factCounters(after))
          expected.set(`${e.day}|${e.counter}`, (expected.get(`${e.day}|${e.counter}`) ?? 0) + e.value);
        for (const [k, v] of total) expect(v, k).toBe(expected.get(k) ?? 0);
        for (const [k, v] of expected) expect(total.get(k) ?? 0, k).toBe(v);
      }),
      { numRuns: 200 },
    );
  });
});

describe('report facts of one dossier', () => {
  it('records receipt, settlement class, working time without the pause, and the rating', () => {
    // 10 working days from Mon 2/3 09:00; supplement Thu 5/3 14:00 → Tue 10/3 09:00 (21 h paused).
    const src = sourceOf({
      channel: 'online',
      receivedHoursAfter: (vn('2026-03-02', '09:00').getTime() - BASE) / HOUR,
      days: 10,
      pause: { afterHours: 77, lengthHours: 115, mode: 'pause' },
      extendHours: null,
      end: { afterHours: 24 * 8 + 1, kind: 'result' },
      rating: 2,
    });
    expect(src.history[2]?.occurredAt.toISOString()).toBe(vn('2026-03-05', '14:00').toISOString());
    expect(src.dueAt?.toISOString()).toBe(vn('2026-03-18', '16:00').toISOString());
    const f = reportFactsOf(src, calendar);
    expect(f).toMatchObject({
      submittedDay: '2026-03-02',
      receivedDay: '2026-03-02',
      completedDay: '2026-03-18',
      timeliness: 'on_time',
      settlementKind: 'result',
      supplementDay: '2026-03-05',
      isDigitised: true,
      ratingDay: '2026-03-18',
      ratingScore: 2,
    });
    const end = src.completedAt ?? new Date();
    expect(toLocalDate(end)).toBe('2026-03-18');
    const paused = calendar.workingMinutesBetween(vn('2026-03-05', '14:00'), vn('2026-03-10', '09:00'));
    expect(paused).toBe(21 * 60);
    expect(f.settlementWorkingMinutes).toBe(
      calendar.workingMinutesBetween(vn('2026-03-02', '09:00'), end) - paused,
    );
    expect(settlementWorkingMinutes(reportDossierOf(src), end, calendar)).toBe(f.settlementWorkingMinutes);
    const counters = factCounters(f).map((e) => `${e.day} ${e.counter} ${e.value}`);
    expect(counters).toEqual(
      expect.arrayContaining([
        '2026-03-02 submitted 1',
        '2026-03-02 received 1',
        '2026-03-18 settledOnTime 1',
        '2026-03-18 settledResult 1',
        '2026-03-05 supplementRequested 1',
        '2026-03-18 ratedLow 1',
        '2026-03-18 ratingSum 2',
      ]),
    );
  });

  it('counts a dossier refused at intake only as refused', () => {
    const f = reportFactsOf(
      {
        ...sourceOf({
          channel: 'online',
          receivedHoursAfter: 0,
          days: 5,
          pause: null,
          extendHours: null,
          end: null,
          rating: null,
        }),
        status: 'refused',
        receivedAt: null,
        completedAt: vn('2026-02-03', '10:00'),
        deadline: null,
        dueAt: null,
        history: [],
      },
      calendar,
    );
    expect(factCounters(f).map((e) => e.counter)).toEqual(['submitted', 'refused']);
  });
});

describe('periods', () => {
  it('has weeks from Monday, presets and buckets cut to the period', () => {
    expect(weekStartOf('2026-03-08')).toBe('2026-03-02');
    expect(previousWeek('2026-03-11')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(presetPeriod('last_month', '2026-03-11')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('this_quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(periodBuckets({ from: '2026-01-15', to: '2026-03-10' }, 'month')).toEqual([
      { from: '2026-01-15', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-10' },
    ]);
    expect(periodBuckets({ from: '2026-03-04', to: '2026-03-16' }, 'week')).toHaveLength(3);
  });
});
