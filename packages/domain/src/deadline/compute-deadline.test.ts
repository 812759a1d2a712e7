import { describe, expect, it } from 'vitest';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.ts';
import { createWorkingCalendar } from '../calendar/working-calendar.ts';
import { localDateTime } from '../time/local-time.ts';
import {
  computeDeadline,
  extendDeadline,
  latestApologyAt,
  normaliseSubmissionTime,
  remainingWorkingMinutes,
  resumeAfterPause,
  ruleToWorkingMinutes,
  sumStepBudgets,
  transferDueAt,
} from './compute-deadline.ts';
import type { DeadlineResult, DeadlineRule, ExplanationItem } from './deadline-types.ts';

const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });

function at(date: string, time: string): string {
  return localDateTime(date, time).toISOString();
}

function compute(start: Date, rule: DeadlineRule): DeadlineResult {
  return computeDeadline({ start, rule, calendar });
}

function itemsOfType<T extends ExplanationItem['type']>(
  result: DeadlineResult,
  type: T,
): Extract<ExplanationItem, { type: T }>[] {
  return result.items.filter((i): i is Extract<ExplanationItem, { type: T }> => i.type === type);
}

const FIVE_DAYS: DeadlineRule = { amount: 5, unit: 'working-days' };
const TEN_DAYS: DeadlineRule = { amount: 10, unit: 'working-days' };

describe('domain.md §3.3 worked examples (2026, 07:00–11:30 / 13:30–17:00)', () => {
  it('1. 5 working days from Wed 11/2/2026 10:00 skip Tết and fall due Wed 25/2 10:00', () => {
    const result = compute(localDateTime('2026-02-11', '10:00'), FIVE_DAYS);
    expect(result.dueAt).toBe(at('2026-02-25', '10:00'));
    expect(result.startedAt).toBe(at('2026-02-11', '10:00'));
    expect(result.totalWorkingMinutes).toBe(2400);
    expect(result.calendarVersion).toBe(calendar.version);
    expect(result.items).toEqual([
      { type: 'start', at: at('2026-02-11', '10:00') },
      {
        type: 'counted',
        date: '2026-02-11',
        from: at('2026-02-11', '10:00'),
        to: at('2026-02-11', '17:00'),
        minutes: 300,
      },
      {
        type: 'counted',
        date: '2026-02-12',
        from: at('2026-02-12', '07:00'),
        to: at('2026-02-12', '17:00'),
        minutes: 480,
      },
      {
        type: 'counted',
        date: '2026-02-13',
        from: at('2026-02-13', '07:00'),
        to: at('2026-02-13', '17:00'),
        minutes: 480,
      },
      { type: 'skipped', fromDate: '2026-02-14', toDate: '2026-02-15', dayKind: 'weekend' },
      {
        type: 'skipped',
        fromDate: '2026-02-16',
        toDate: '2026-02-20',
        dayKind: 'holiday',
        name: 'Tết Nguyên đán',
      },
      { type: 'skipped', fromDate: '2026-02-21', toDate: '2026-02-22', dayKind: 'weekend' },
      {
        type: 'counted',
        date: '2026-02-23',
        from: at('2026-02-23', '07:00'),
        to: at('2026-02-23', '17:00'),
        minutes: 480,
      },
      {
        type: 'counted',
        date: '2026-02-24',
        from: at('2026-02-24', '07:00'),
        to: at('2026-02-24', '17:00'),
        minutes: 480,
      },
      {
        type: 'counted',
        date: '2026-02-25',
        from: at('2026-02-25', '07:00'),
        to: at('2026-02-25', '10:00'),
        minutes: 180,
      },
      { type: 'due', at: at('2026-02-25', '10:00') },
    ]);
  });

  it('2. received Fri 13/2/2026 16:30 (after 15:00): transferred Mon 23/2 morning, due Fri 27/2 16:30', () => {
    const receivedAt = localDateTime('2026-02-13', '16:30');
    expect(transferDueAt(receivedAt, calendar)).toEqual(localDateTime('2026-02-23', '11:30'));
    const result = compute(receivedAt, FIVE_DAYS);
    expect(result.dueAt).toBe(at('2026-02-27', '16:30'));
    expect(itemsOfType(result, 'counted')[0]).toMatchObject({ date: '2026-02-13', minutes: 30 });
  });

  it('3. 4 hours from Tue 3/3/2026 10:30: 1 h before lunch, 3 h after, due 16:30', () => {
    const result = compute(localDateTime('2026-03-03', '10:30'), { amount: 4, unit: 'working-hours' });
    expect(result.dueAt).toBe(at('2026-03-03', '16:30'));
    expect(result.totalWorkingMinutes).toBe(240);
    expect(itemsOfType(result, 'counted')).toEqual([
      {
        type: 'counted',
        date: '2026-03-03',
        from: at('2026-03-03', '10:30'),
        to: at('2026-03-03', '16:30'),
        minutes: 240,
      },
    ]);
  });

  it('4. same-day procedure received Tue 3/3/2026 15:20 (after the cut-off): due Wed 4/3 at closing', () => {
    const result = compute(localDateTime('2026-03-03', '15:20'), {
      amount: 0,
      unit: 'working-days',
      isSameDay: true,
    });
    expect(result.dueAt).toBe(at('2026-03-04', '17:00'));
    expect(result.items).toContainEqual({
      type: 'start_moved',
      from: at('2026-03-03', '15:20'),
      to: at('2026-03-04', '07:00'),
      reason: 'after_cutoff',
    });
  });

  it('4b. same-day procedure received before the cut-off is due at closing that day', () => {
    const result = compute(localDateTime('2026-03-03', '14:59'), {
      amount: 0,
      unit: 'working-days',
      isSameDay: true,
    });
    expect(result.dueAt).toBe(at('2026-03-03', '17:00'));
    expect(result.totalWorkingMinutes).toBe(121);
    expect(
      compute(localDateTime('2026-03-03', '15:00'), { amount: 0, unit: 'working-days', isSameDay: true })
        .dueAt,
    ).toBe(at('2026-03-03', '17:00'));
  });

  it('5. online submission Sat 7/3/2026 21:00 is taken as Mon 9/3 07:00', () => {
    const { at: normalised, item } = normaliseSubmissionTime(localDateTime('2026-03-07', '21:00'), calendar);
    expect(normalised).toEqual(localDateTime('2026-03-09', '07:00'));
    expect(item).toEqual({
      type: 'start_moved',
      from: at('2026-03-07', '21:00'),
      to: at('2026-03-09', '07:00'),
      reason: 'non_working_day',
    });
    const inHours = normaliseSubmissionTime(localDateTime('2026-03-09', '08:15'), calendar);
    expect(inHours).toEqual({ at: localDateTime('2026-03-09', '08:15') });
  });
});

describe('domain.md §3.4 supplement: pause vs restart', () => {
  const received = computeDeadline({ start: localDateTime('2026-03-02', '09:00'), rule: TEN_DAYS, calendar });
  const pausedAt = localDateTime('2026-03-05', '14:00');
  const resumedAt = localDateTime('2026-03-10', '09:00');

  it('10 working days from Mon 2/3/2026 09:00 fall due Mon 16/3 09:00', () => {
    expect(received.dueAt).toBe(at('2026-03-16', '09:00'));
  });

  it('the supplement Thu 5/3 14:00 → Tue 10/3 09:00 is a pause of 21 working hours', () => {
    expect(calendar.workingMinutesBetween(pausedAt, resumedAt)).toBe(21 * 60);
  });

  it('pause mode: due Wed 18/3 16:00, earlier items kept', () => {
    const result = resumeAfterPause({
      current: received,
      pausedAt,
      resumedAt,
      mode: 'pause',
      reason: 'Bổ sung hồ sơ',
      calendar,
    });
    expect(result.dueAt).toBe(at('2026-03-18', '16:00'));
    expect(result.startedAt).toBe(received.startedAt);
    expect(result.totalWorkingMinutes).toBe(4800);
    expect(result.items.slice(0, received.items.length)).toEqual(received.items);
    expect(result.items.slice(received.items.length)).toEqual([
      {
        type: 'paused',
        from: at('2026-03-05', '14:00'),
        to: at('2026-03-10', '09:00'),
        workingMinutes: 1260,
        reason: 'Bổ sung hồ sơ',
        mode: 'pause',
      },
      { type: 'due', at: at('2026-03-18', '16:00') },
    ]);
  });

  it('restart mode: due Tue 24/3 09:00, counted again from the supplement', () => {
    const result = resumeAfterPause({
      current: received,
      pausedAt,
      resumedAt,
      mode: 'restart',
      reason: 'Bổ sung hồ sơ',
      calendar,
    });
    expect(result.dueAt).toBe(at('2026-03-24', '09:00'));
    expect(result.startedAt).toBe(at('2026-03-10', '09:00'));
    const added = result.items.slice(received.items.length);
    expect(added[0]).toMatchObject({ type: 'paused', mode: 'restart', workingMinutes: 1260 });
    expect(added[1]).toEqual({ type: 'restarted', at: at('2026-03-10', '09:00'), reason: 'Bổ sung hồ sơ' });
    expect(added[added.length - 1]).toEqual({ type: 'due', at: at('2026-03-24', '09:00') });
  });

  it('a pause outside office hours does not move the due date', () => {
    const result = resumeAfterPause({
      current: received,
      pausedAt: localDateTime('2026-03-06', '17:30'),
      resumedAt: localDateTime('2026-03-09', '06:00'),
      mode: 'pause',
      reason: 'Chờ nghĩa vụ tài chính',
      calendar,
    });
    expect(result.dueAt).toBe(received.dueAt);
  });

  it('a calendar-day limit moves by the elapsed time, then rolls off a day off', () => {
    const tenCalendarDays = compute(localDateTime('2026-03-02', '09:00'), {
      amount: 10,
      unit: 'calendar-days',
    });
    expect(tenCalendarDays.dueAt).toBe(at('2026-03-12', '09:00'));
    const result = resumeAfterPause({
      current: tenCalendarDays,
      pausedAt: localDateTime('2026-03-04', '09:00'),
      resumedAt: localDateTime('2026-03-06', '09:00'),
      mode: 'pause',
      reason: 'Bổ sung hồ sơ',
      calendar,
    });
    // 12/3 + 2 days = Sat 14/3 → Mon 16/3 at the same time.
    expect(result.dueAt).toBe(at('2026-03-16', '09:00'));
    expect(result.totalWorkingMinutes).toBeNull();
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() =>
      resumeAfterPause({
        current: received,
        pausedAt: resumedAt,
        resumedAt: pausedAt,
        mode: 'pause',
        reason: 'x',
        calendar,
      }),
    ).toThrow(RangeError);
  });
});

describe('start outside office hours', () => {
  it('during lunch counts from 13:30; one working day then ends exactly at 11:30 next day', () => {
    const result = compute(localDateTime('2026-03-11', '12:00'), { amount: 1, unit: 'working-days' });
    expect(result.items[1]).toEqual({
      type: 'start_moved',
      from: at('2026-03-11', '12:00'),
      to: at('2026-03-11', '13:30'),
      reason: 'lunch_break',
    });
    expect(result.startedAt).toBe(at('2026-03-11', '13:30'));
    expect(result.dueAt).toBe(at('2026-03-12', '11:30'));
  });

  it('after closing counts from the next morning', () => {
    const result = compute(localDateTime('2026-03-11', '18:00'), { amount: 4, unit: 'working-hours' });
    expect(result.items[1]).toMatchObject({
      type: 'start_moved',
      reason: 'after_closing',
      to: at('2026-03-12', '07:00'),
    });
    expect(result.dueAt).toBe(at('2026-03-12', '11:00'));
  });

  it('before opening counts from 07:00', () => {
    const result = compute(localDateTime('2026-03-11', '06:30'), { amount: 2, unit: 'working-hours' });
    expect(result.items[1]).toMatchObject({
      type: 'start_moved',
      reason: 'before_opening',
      to: at('2026-03-11', '07:00'),
    });
    expect(result.dueAt).toBe(at('2026-03-11', '09:00'));
  });

  it('on a holiday (Tết, 17/2/2026) counts from the first opening after the break', () => {
    const result = compute(localDateTime('2026-02-17', '10:00'), { amount: 1, unit: 'working-days' });
    expect(result.items[1]).toMatchObject({
      type: 'start_moved',
      reason: 'non_working_day',
      to: at('2026-02-23', '07:00'),
    });
    expect(result.dueAt).toBe(at('2026-02-23', '17:00'));
  });
});

describe('fractions and boundaries', () => {
  it('0.5 working day is 4 working hours', () => {
    const result = compute(localDateTime('2026-03-03', '09:00'), { amount: 0.5, unit: 'working-days' });
    expect(result.totalWorkingMinutes).toBe(240);
    expect(result.dueAt).toBe(at('2026-03-03', '15:00'));
  });

  it('1.5 working hours from 10:00 ends at 11:30, not 13:30', () => {
    expect(compute(localDateTime('2026-03-03', '10:00'), { amount: 1.5, unit: 'working-hours' }).dueAt).toBe(
      at('2026-03-03', '11:30'),
    );
  });

  it('a limit of 0 is due at the counting start', () => {
    const result = compute(localDateTime('2026-03-03', '12:15'), { amount: 0, unit: 'working-hours' });
    expect(result.dueAt).toBe(at('2026-03-03', '13:30'));
    expect(itemsOfType(result, 'counted')).toEqual([]);
  });

  it('counts the swapped working Saturday 26/4/2025', () => {
    const result = compute(localDateTime('2025-04-25', '10:00'), { amount: 2, unit: 'working-days' });
    expect(result.dueAt).toBe(at('2025-04-28', '10:00'));
    expect(itemsOfType(result, 'counted').map((i) => i.date)).toEqual([
      '2025-04-25',
      '2025-04-26',
      '2025-04-28',
    ]);
  });

  it('isDueAtEndOfDay moves the due time to closing', () => {
    const result = compute(localDateTime('2026-03-11', '10:00'), {
      amount: 2,
      unit: 'working-days',
      isDueAtEndOfDay: true,
    });
    expect(result.dueAt).toBe(at('2026-03-13', '17:00'));
    expect(result.items.at(-2)).toEqual({
      type: 'end_of_day',
      from: at('2026-03-13', '10:00'),
      to: at('2026-03-13', '17:00'),
    });
    const paused = resumeAfterPause({
      current: result,
      pausedAt: localDateTime('2026-03-12', '07:00'),
      resumedAt: localDateTime('2026-03-12', '09:00'),
      mode: 'pause',
      reason: 'Bổ sung hồ sơ',
      calendar,
    });
    // 2 working hours paused: the underlying 10:00 moves to 14:00 on Fri 13/3, still due at its closing.
    expect(paused.dueAt).toBe(at('2026-03-13', '17:00'));
  });

  it('rejects a negative or unknown limit', () => {
    expect(() => compute(localDateTime('2026-03-03', '09:00'), { amount: -1, unit: 'working-days' })).toThrow(
      RangeError,
    );
    expect(() =>
      compute(localDateTime('2026-03-03', '09:00'), { amount: 1, unit: 'weeks' as DeadlineRule['unit'] }),
    ).toThrow(RangeError);
  });

  it('produces JSON that survives a round trip', () => {
    const result = compute(localDateTime('2026-02-11', '10:00'), FIVE_DAYS);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('calendar days', () => {
  it('5 calendar days ending on Sun 15/2/2026 roll forward over Tết to Mon 23/2 at the same time', () => {
    const result = compute(localDateTime('2026-02-10', '10:00'), { amount: 5, unit: 'calendar-days' });
    expect(result.dueAt).toBe(at('2026-02-23', '10:00'));
    expect(result.totalWorkingMinutes).toBeNull();
    expect(itemsOfType(result, 'skipped')).toEqual([
      { type: 'skipped', fromDate: '2026-02-15', toDate: '2026-02-15', dayKind: 'weekend' },
      {
        type: 'skipped',
        fromDate: '2026-02-16',
        toDate: '2026-02-20',
        dayKind: 'holiday',
        name: 'Tết Nguyên đán',
      },
      { type: 'skipped', fromDate: '2026-02-21', toDate: '2026-02-22', dayKind: 'weekend' },
    ]);
    expect(itemsOfType(result, 'rolled_forward')).toEqual([
      {
        type: 'rolled_forward',
        from: at('2026-02-15', '10:00'),
        to: at('2026-02-23', '10:00'),
        reason: 'non_working_day',
      },
    ]);
  });

  it('keeps a due date that falls on a working day', () => {
    expect(compute(localDateTime('2026-03-02', '09:00'), { amount: 10, unit: 'calendar-days' }).dueAt).toBe(
      at('2026-03-12', '09:00'),
    );
  });

  it('clamps a rolled due time into office hours', () => {
    // 1.5 days from Fri 13/3 10:00 = Sat 14/3 22:00 → Monday, clamped to closing time.
    expect(compute(localDateTime('2026-03-13', '10:00'), { amount: 1.5, unit: 'calendar-days' }).dueAt).toBe(
      at('2026-03-16', '17:00'),
    );
  });

  it('can be due at the end of the day', () => {
    const result = compute(localDateTime('2026-03-02', '09:00'), {
      amount: 10,
      unit: 'calendar-days',
      isDueAtEndOfDay: true,
    });
    expect(result.dueAt).toBe(at('2026-03-12', '17:00'));
  });
});

describe('transfer, apology, remaining time', () => {
  it('transferDueAt: before the cut-off by closing, after it (or on a day off) by the end of the next morning', () => {
    expect(transferDueAt(localDateTime('2026-02-11', '10:00'), calendar)).toEqual(
      localDateTime('2026-02-11', '17:00'),
    );
    expect(transferDueAt(localDateTime('2026-02-11', '15:00'), calendar)).toEqual(
      localDateTime('2026-02-11', '17:00'),
    );
    expect(transferDueAt(localDateTime('2026-02-11', '15:01'), calendar)).toEqual(
      localDateTime('2026-02-12', '11:30'),
    );
    expect(transferDueAt(localDateTime('2026-03-07', '09:00'), calendar)).toEqual(
      localDateTime('2026-03-09', '11:30'),
    );
  });

  it('latestApologyAt is the closing time of the working day before the due date', () => {
    expect(latestApologyAt(localDateTime('2026-03-16', '09:00'), calendar)).toEqual(
      localDateTime('2026-03-13', '17:00'),
    );
    expect(latestApologyAt(localDateTime('2026-02-23', '10:00'), calendar)).toEqual(
      localDateTime('2026-02-13', '17:00'),
    );
    expect(latestApologyAt(localDateTime('2026-03-18', '16:00'), calendar)).toEqual(
      localDateTime('2026-03-17', '17:00'),
    );
  });

  it('remainingWorkingMinutes is positive before the due time and negative after', () => {
    const due = localDateTime('2026-03-16', '09:00');
    expect(remainingWorkingMinutes(localDateTime('2026-03-13', '16:00'), due, calendar)).toBe(180);
    expect(remainingWorkingMinutes(due, due, calendar)).toBe(0);
    expect(remainingWorkingMinutes(localDateTime('2026-03-17', '08:00'), due, calendar)).toBe(
      -(480 - 120 + 60),
    );
  });
});

describe('extendDeadline', () => {
  const current = compute(localDateTime('2026-03-02', '09:00'), TEN_DAYS);

  it('appends the extension and the new due date', () => {
    const result = extendDeadline({
      current,
      newDueAt: localDateTime('2026-03-20', '17:00'),
      reason: 'Xác minh bổ sung',
    });
    expect(result.dueAt).toBe(at('2026-03-20', '17:00'));
    expect(result.items.slice(-2)).toEqual([
      {
        type: 'extended',
        from: at('2026-03-16', '09:00'),
        to: at('2026-03-20', '17:00'),
        reason: 'Xác minh bổ sung',
      },
      { type: 'due', at: at('2026-03-20', '17:00') },
    ]);
    expect(result.totalWorkingMinutes).toBe(current.totalWorkingMinutes);
  });

  it('rejects a new due date that is not later', () => {
    expect(() =>
      extendDeadline({ current, newDueAt: localDateTime('2026-03-16', '09:00'), reason: 'x' }),
    ).toThrow(RangeError);
    expect(() =>
      extendDeadline({ current, newDueAt: localDateTime('2026-03-10', '09:00'), reason: 'x' }),
    ).toThrow(RangeError);
  });
});

describe('budgets', () => {
  it('converts rules to working minutes', () => {
    expect(ruleToWorkingMinutes({ amount: 10, unit: 'working-days' })).toBe(4800);
    expect(ruleToWorkingMinutes({ amount: 0.5, unit: 'working-days' })).toBe(240);
    expect(ruleToWorkingMinutes({ amount: 4, unit: 'working-hours' })).toBe(240);
    expect(ruleToWorkingMinutes({ amount: 10, unit: 'calendar-days' })).toBeNull();
    expect(ruleToWorkingMinutes({ amount: 0, unit: 'working-days', isSameDay: true })).toBeNull();
  });

  it('adds step budgets, or gives null when one cannot be measured in working time', () => {
    expect(
      sumStepBudgets([
        { amount: 0.5, unit: 'working-days' },
        { amount: 8, unit: 'working-days' },
        { amount: 12, unit: 'working-hours' },
      ]),
    ).toBe(4800);
    expect(sumStepBudgets([])).toBe(0);
    expect(
      sumStepBudgets([
        { amount: 1, unit: 'working-days' },
        { amount: 1, unit: 'calendar-days' },
      ]),
    ).toBeNull();
  });
});
