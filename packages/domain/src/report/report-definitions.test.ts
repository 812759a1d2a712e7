import { describe, expect, it } from 'vitest';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.ts';
import { createWorkingCalendar } from '../calendar/working-calendar.ts';
import { computeDeadline, extendDeadline, resumeAfterPause } from '../deadline/compute-deadline.ts';
import type { DeadlineResult } from '../deadline/deadline-types.ts';
import { localDateTime } from '../time/local-time.ts';
import { II06A_COLUMNS, ii06aCountKeyOf } from './report-columns.ts';
import {
  classifyInProgress,
  classifySettlement,
  countII06a,
  dueInForceAt,
  effectiveEndAt,
  periodEndAt,
  periodStartAt,
  placeInII06a,
  reportFactsFromHistory,
  type ReportDossier,
  type ReportPeriod,
} from './report-definitions.ts';

const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const vn = (date: string, time = '00:00'): Date => localDateTime(date, time);
const MARCH: ReportPeriod = { from: '2026-03-01', to: '2026-03-31' };

/** 10 working days from Mon 2/3/2026 09:00 → due Mon 16/3 09:00 (domain.md §3.4 example). */
function tenDays(start = vn('2026-03-02', '09:00')): DeadlineResult {
  return computeDeadline({ start, rule: { amount: 10, unit: 'working-days' }, calendar });
}

/** Supplement requested Thu 5/3 14:00 and supplied Tue 10/3 09:00 (21 working hours) → due Wed 18/3 16:00. */
function tenDaysWithSupplement(): DeadlineResult {
  return resumeAfterPause({
    current: tenDays(),
    pausedAt: vn('2026-03-05', '14:00'),
    resumedAt: vn('2026-03-10', '09:00'),
    mode: 'pause',
    reason: 'Bổ sung hồ sơ',
    calendar,
  });
}

function dossier(overrides: Partial<ReportDossier> = {}): ReportDossier {
  const deadline = overrides.deadline === undefined ? tenDays() : overrides.deadline;
  return {
    channel: 'counter',
    receivedAt: vn('2026-03-02', '09:00'),
    completedAt: null,
    dueAt: deadline ? new Date(deadline.dueAt) : null,
    openPauseFrom: null,
    settlementKind: null,
    ...overrides,
    deadline,
  };
}

describe('II.06a columns', () => {
  it('numbers the thirteen columns with the official Vietnamese headers', () => {
    expect(II06A_COLUMNS.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(II06A_COLUMNS.map((c) => c.vi)).toEqual([
      'STT',
      'Đơn vị',
      'Tổng số',
      'Trực tuyến',
      'Trực tiếp, dịch vụ bưu chính',
      'Từ kỳ trước',
      'Tổng số',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng số',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(ii06aCountKeyOf(9)).toBe('settledOnTime');
    expect(ii06aCountKeyOf(2)).toBeUndefined();
  });
});

describe('period boundaries (whole days in Vietnam)', () => {
  it('runs from local midnight of the first day to local midnight after the last day', () => {
    expect(periodStartAt(MARCH).toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(periodEndAt(MARCH).toISOString()).toBe('2026-03-31T17:00:00.000Z');
  });

  it('counts a receipt at 23:59 on the last day and not one at 00:00 the next day', () => {
    const lastMinute = dossier({ receivedAt: vn('2026-03-31', '23:59'), deadline: null });
    const nextDay = dossier({ receivedAt: vn('2026-04-01', '00:00'), deadline: null });
    const firstInstant = dossier({
      receivedAt: vn('2026-03-01', '00:00'),
      deadline: null,
      channel: 'online',
    });
    const dayBefore = dossier({ receivedAt: vn('2026-02-28', '23:59'), deadline: null });
    expect(placeInII06a(lastMinute, MARCH)?.received).toBe('receivedDirect');
    expect(placeInII06a(nextDay, MARCH)?.received).toBeUndefined();
    expect(placeInII06a(nextDay, MARCH)?.inProgress).toBeUndefined();
    expect(placeInII06a(firstInstant, MARCH)?.received).toBe('receivedOnline');
    expect(placeInII06a(dayBefore, MARCH)).toMatchObject({ isCarriedOver: true });
    expect(placeInII06a(dayBefore, MARCH)?.received).toBeUndefined();
  });

  it('carries over a dossier received before the period and settled at its first instant', () => {
    const d = dossier({
      receivedAt: vn('2026-02-20', '09:00'),
      completedAt: vn('2026-03-01', '00:00'),
      settlementKind: 'result',
      deadline: null,
      dueAt: vn('2026-03-05', '09:00'),
    });
    expect(placeInII06a(d, MARCH)).toMatchObject({ isCarriedOver: true, settled: 'early' });
    expect(placeInII06a(d, { from: '2026-02-01', to: '2026-02-28' })).toMatchObject({
      isCarriedOver: false,
      received: 'receivedDirect',
      inProgress: 'within_time',
    });
  });
});

describe('settled dossiers: date granularity in Vietnam time', () => {
  const due = vn('2026-03-09', '09:00');

  it('is early the day before the due date', () => {
    expect(classifySettlement(vn('2026-03-06', '16:59'), due, 'result')).toBe('early');
  });

  it('is on time when late by one hour on the due day (dates are compared, not instants)', () => {
    expect(classifySettlement(vn('2026-03-09', '10:00'), due, 'result')).toBe('on_time');
    expect(classifySettlement(vn('2026-03-09', '23:59'), due, 'stopped')).toBe('on_time');
  });

  it('is late the next morning', () => {
    expect(classifySettlement(vn('2026-03-10', '07:30'), due, 'result')).toBe('late');
  });

  it('counts a withdrawn dossier on time whenever it ends, and a dossier without due date on time', () => {
    expect(classifySettlement(vn('2026-04-20', '10:00'), due, 'withdrawn')).toBe('on_time');
    expect(classifySettlement(vn('2026-04-20', '10:00'), null, 'result')).toBe('on_time');
  });

  it('subtracts the paused time: the supplement moves the due date from Mon 16/3 to Wed 18/3', () => {
    const deadline = tenDaysWithSupplement();
    expect(deadline.dueAt).toBe(vn('2026-03-18', '16:00').toISOString());
    const settled = (at: Date): ReportDossier =>
      dossier({ deadline, completedAt: at, settlementKind: 'result' });
    // Against the original due date (16/3) this would be late; the clock was paused 21 working hours.
    expect(placeInII06a(settled(vn('2026-03-18', '10:00')), MARCH)?.settled).toBe('on_time');
    expect(placeInII06a(settled(vn('2026-03-17', '15:00')), MARCH)?.settled).toBe('early');
    expect(placeInII06a(settled(vn('2026-03-19', '08:00')), MARCH)?.settled).toBe('late');
  });

  it('ends a dossier stopped while awaiting a supplement when the pause started', () => {
    const d = dossier({
      completedAt: vn('2026-03-27', '10:00'),
      openPauseFrom: vn('2026-03-13', '10:00'),
      settlementKind: 'stopped',
    });
    expect(effectiveEndAt(d)?.toISOString()).toBe(vn('2026-03-13', '10:00').toISOString());
    // Paused on 13/3, before the due date 16/3: early, not late on 27/3.
    expect(placeInII06a(d, MARCH)).toMatchObject({ settled: 'early', isWithdrawn: false });
  });

  it('counts a withdrawal in column 9 and says so', () => {
    const d = dossier({ completedAt: vn('2026-03-25', '10:00'), settlementKind: 'withdrawn' });
    expect(placeInII06a(d, MARCH)).toMatchObject({ settled: 'on_time', isWithdrawn: true });
  });

  it('judges an extended dossier against the new due date', () => {
    const deadline = extendDeadline({
      current: computeDeadline({
        start: vn('2026-03-02', '09:00'),
        rule: { amount: 5, unit: 'working-days' },
        calendar,
      }),
      newDueAt: vn('2026-03-13', '09:00'),
      reason: 'Cần xác minh thực địa',
    });
    const d = dossier({ deadline, completedAt: vn('2026-03-12', '15:00'), settlementKind: 'result' });
    expect(new Date(deadline.items.find((i) => i.type === 'due')?.at ?? '').toISOString()).toBe(
      vn('2026-03-09', '09:00').toISOString(),
    );
    expect(placeInII06a(d, MARCH)?.settled).toBe('early');
  });
});

describe('dueInForceAt: the due date at a past instant', () => {
  const deadline = tenDaysWithSupplement();

  it('is the first due date before the pause, "paused" inside it, the shifted one after', () => {
    expect(dueInForceAt(deadline, vn('2026-03-04', '10:00'))).toEqual(vn('2026-03-16', '09:00'));
    expect(dueInForceAt(deadline, vn('2026-03-05', '14:00'))).toBe('paused');
    expect(dueInForceAt(deadline, vn('2026-03-09', '23:00'))).toBe('paused');
    expect(dueInForceAt(deadline, vn('2026-03-10', '09:00'))).toEqual(vn('2026-03-18', '16:00'));
  });

  it('is "paused" from the start of a pause still open', () => {
    const open = tenDays();
    expect(dueInForceAt(open, vn('2026-03-12', '10:00'), vn('2026-03-13', '10:00'))).toEqual(
      vn('2026-03-16', '09:00'),
    );
    expect(dueInForceAt(open, vn('2026-03-13', '10:00'), vn('2026-03-13', '10:00'))).toBe('paused');
  });

  it('applies an extension to the whole stretch of clock it was granted in', () => {
    const extended = extendDeadline({
      current: tenDays(),
      newDueAt: vn('2026-03-20', '09:00'),
      reason: 'Xin lỗi',
    });
    expect(dueInForceAt(extended, vn('2026-03-03', '10:00'))).toEqual(vn('2026-03-20', '09:00'));
  });
});

describe('in progress at the end of the period', () => {
  it('is within time until the due day has ended, overdue from the day after (it can no longer be on time)', () => {
    const d = dossier(); // due Mon 16/3 09:00
    expect(classifyInProgress(d, periodEndAt({ from: '2026-03-01', to: '2026-03-15' }))).toBe('within_time');
    // Still open at the end of the due day: past its due time, and settling it now would be late.
    expect(classifyInProgress(d, periodEndAt({ from: '2026-03-01', to: '2026-03-16' }))).toBe('overdue');
    expect(placeInII06a(d, { from: '2026-03-01', to: '2026-03-17' })?.inProgress).toBe('overdue');
    expect(placeInII06a(d, MARCH)?.inProgress).toBe('overdue');
  });

  it('judges a period that has not ended at "now": due today is still within time', () => {
    const d = dossier(); // due Mon 16/3 09:00
    const now = vn('2026-03-16', '15:00');
    expect(placeInII06a(d, MARCH, now)?.inProgress).toBe('within_time');
    expect(placeInII06a(d, MARCH, vn('2026-03-17', '08:00'))?.inProgress).toBe('overdue');
    // Settled after "now" (a later fact): still in progress at now.
    const settledLater = dossier({ completedAt: vn('2026-03-20', '10:00'), settlementKind: 'result' });
    expect(placeInII06a(settledLater, MARCH, now)).toMatchObject({ inProgress: 'within_time' });
    expect(placeInII06a(settledLater, MARCH, now)?.settled).toBeUndefined();
  });

  it('counts a dossier still awaiting a supplement at period end as within time', () => {
    const d = dossier({ openPauseFrom: vn('2026-03-13', '10:00') });
    expect(placeInII06a(d, MARCH)?.inProgress).toBe('within_time');
    // …but overdue at the end of a period that ended before the pause began.
    expect(placeInII06a(d, { from: '2026-03-01', to: '2026-03-12' })?.inProgress).toBe('within_time');
    expect(
      placeInII06a(dossier({ openPauseFrom: vn('2026-03-20', '10:00') }), {
        from: '2026-03-01',
        to: '2026-03-16',
      })?.inProgress,
    ).toBe('overdue');
    expect(
      placeInII06a(dossier({ openPauseFrom: vn('2026-03-20', '10:00') }), {
        from: '2026-03-01',
        to: '2026-03-15',
      })?.inProgress,
    ).toBe('within_time');
  });

  it('reconstructs a closed pause: paused at period end → within time', () => {
    const d = dossier({ deadline: tenDaysWithSupplement() });
    expect(placeInII06a(d, { from: '2026-03-01', to: '2026-03-07' })?.inProgress).toBe('within_time');
  });

  it('leaves never-received (refused at intake) dossiers out of every column', () => {
    const refused = dossier({
      channel: 'online',
      receivedAt: null,
      completedAt: vn('2026-03-03', '08:00'),
      settlementKind: 'refused',
      deadline: null,
    });
    expect(placeInII06a(refused, MARCH)).toBeUndefined();
  });
});

describe('countII06a: the straightforward recount', () => {
  it('fills every column for a hand-made set and balances 3 = 7 + 11', () => {
    const set: ReportDossier[] = [
      // carried over, settled late on 17/3 (due 16/3)
      dossier({
        receivedAt: vn('2026-02-27', '09:00'),
        completedAt: vn('2026-03-17', '09:00'),
        settlementKind: 'result',
      }),
      // online in March, settled early
      dossier({ channel: 'online', completedAt: vn('2026-03-10', '09:00'), settlementKind: 'result' }),
      // chat counts as online (national code 2); in progress and overdue at the end of March
      dossier({ channel: 'chat' }),
      // postal, awaiting supplement at period end → within time
      dossier({ channel: 'postal', openPauseFrom: vn('2026-03-13', '10:00') }),
      // withdrawn late → on time (9), counted as withdrawn
      dossier({ completedAt: vn('2026-03-30', '09:00'), settlementKind: 'withdrawn' }),
      // received in April: not in March
      dossier({ receivedAt: vn('2026-04-01', '08:00') }),
      // settled in February: not in March
      dossier({
        receivedAt: vn('2026-02-02', '08:00'),
        completedAt: vn('2026-02-20', '08:00'),
        settlementKind: 'result',
      }),
    ];
    expect(countII06a(set, MARCH)).toEqual({
      receivedTotal: 5,
      receivedOnline: 2,
      receivedDirect: 2,
      carriedOver: 1,
      settledTotal: 3,
      settledEarly: 1,
      settledOnTime: 1,
      settledLate: 1,
      inProgressTotal: 2,
      inProgressWithinTime: 1,
      inProgressOverdue: 1,
      settledWithdrawn: 1,
    });
  });
});

describe('reportFactsFromHistory', () => {
  const h = (action: string, fromStatus: string | null, toStatus: string, at: string) => ({
    action,
    fromStatus: fromStatus as never,
    toStatus: toStatus as never,
    occurredAt: new Date(at),
  });

  it('finds a stop while awaiting a supplement and the pause it left open', () => {
    const facts = reportFactsFromHistory(
      [
        h('receive', null, 'received', '2026-03-02T02:00:00Z'),
        h('transfer', 'received', 'processing', '2026-03-02T03:00:00Z'),
        h('request_supplement', 'processing', 'awaiting_supplement', '2026-03-05T07:00:00Z'),
        h('stop', 'awaiting_supplement', 'stopped', '2026-03-20T03:00:00Z'),
      ],
      false,
    );
    expect(facts).toEqual({ settlementKind: 'stopped', openPauseFrom: new Date('2026-03-05T07:00:00Z') });
  });

  it('closes the pause at the supplement; an obligation pauses only when its time is excluded', () => {
    const history = [
      h('request_supplement', 'processing', 'awaiting_supplement', '2026-03-05T07:00:00Z'),
      h('supply', 'awaiting_supplement', 'processing', '2026-03-06T07:00:00Z'),
      h('request_obligation', 'processing', 'awaiting_obligation', '2026-03-07T07:00:00Z'),
      h('request_withdrawal', 'awaiting_obligation', 'withdrawal_requested', '2026-03-08T07:00:00Z'),
      h('confirm_withdrawal', 'withdrawal_requested', 'stopped', '2026-03-09T07:00:00Z'),
    ];
    expect(reportFactsFromHistory(history, false)).toEqual({
      settlementKind: 'withdrawn',
      openPauseFrom: null,
    });
    expect(reportFactsFromHistory(history, true)).toEqual({
      settlementKind: 'withdrawn',
      openPauseFrom: new Date('2026-03-07T07:00:00Z'),
    });
  });
});
