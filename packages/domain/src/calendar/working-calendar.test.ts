import { describe, expect, it } from 'vitest';
import { MINUTE_MS, localDateTime } from '../time/local-time.ts';
import type { CalendarOverride, OfficeHours } from './calendar-types.ts';
import { OFFICIAL_OVERRIDES } from './official-overrides.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const rulesOnly = createWorkingCalendar();

/** Deterministic pseudo-random numbers (mulberry32) for property-style loops. */
function randomGenerator(seed: number): () => number {
  let a = seed >>> 0;
  return function next(): number {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('dayInfo: override > rule holiday/compensatory > weekend > working', () => {
  it('marks the swapped Saturday 26/4/2025 as a working day with its reference', () => {
    expect(calendar.dayInfo('2025-04-26')).toEqual({
      date: '2025-04-26',
      kind: 'swapped_working',
      isWorkingDay: true,
      name: 'Làm bù cho ngày nghỉ thứ Sáu 02/05/2025',
      reference: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024',
    });
    expect(rulesOnly.dayInfo('2025-04-26')).toEqual({
      date: '2025-04-26',
      kind: 'weekend',
      isWorkingDay: false,
    });
  });

  it('marks the bridge Friday 2/5/2025 as an official day off', () => {
    expect(calendar.dayInfo('2025-05-02')).toMatchObject({ kind: 'day_off', isWorkingDay: false });
    expect(rulesOnly.dayInfo('2025-05-02')).toEqual({
      date: '2025-05-02',
      kind: 'working',
      isWorkingDay: true,
    });
  });

  it('cancels the rule compensatory day 3/2/2025 and adds 27/1/2025 to Tết', () => {
    expect(rulesOnly.dayInfo('2025-02-03')).toMatchObject({ kind: 'compensatory', isWorkingDay: false });
    expect(calendar.dayInfo('2025-02-03')).toMatchObject({ kind: 'working', isWorkingDay: true });
    expect(calendar.dayInfo('2025-01-27')).toMatchObject({ kind: 'day_off', name: 'Nghỉ Tết Nguyên đán' });
  });

  it('shows rule holidays, compensatory days and weekends', () => {
    expect(calendar.dayInfo('2026-02-17')).toEqual({
      date: '2026-02-17',
      kind: 'holiday',
      isWorkingDay: false,
      name: 'Tết Nguyên đán',
    });
    expect(calendar.dayInfo('2026-04-27')).toMatchObject({
      kind: 'compensatory',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
    });
    expect(calendar.dayInfo('2026-03-07')).toEqual({
      date: '2026-03-07',
      kind: 'weekend',
      isWorkingDay: false,
    });
    expect(calendar.dayInfo('2026-03-09')).toEqual({
      date: '2026-03-09',
      kind: 'working',
      isWorkingDay: true,
    });
  });

  it('knows the 2026 official swaps (New Year and National Day)', () => {
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('rejects an invalid date', () => {
    expect(() => calendar.dayInfo('2026-02-30')).toThrow(RangeError);
  });
});

describe('working days', () => {
  it('jumps over the 2026 Tết break (14/2–22/2)', () => {
    expect(calendar.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(calendar.previousWorkingDay('2026-02-23')).toBe('2026-02-13');
    for (const d of ['2026-02-14', '2026-02-16', '2026-02-20', '2026-02-22'])
      expect(calendar.isWorkingDay(d)).toBe(false);
  });

  it('is strict (never returns the date itself) and counts the swapped Saturday', () => {
    expect(calendar.nextWorkingDay('2026-03-09')).toBe('2026-03-10');
    expect(calendar.previousWorkingDay('2026-03-09')).toBe('2026-03-06');
    expect(calendar.previousWorkingDay('2025-04-28')).toBe('2025-04-26');
    expect(calendar.nextWorkingDay('2025-04-29')).toBe('2025-05-05');
  });
});

describe('office hours', () => {
  it('opens 07:00–11:30 and 13:30–17:00 on working days, including a swapped Saturday', () => {
    expect(calendar.openingPeriods('2026-03-09')).toEqual([
      { start: localDateTime('2026-03-09', '07:00'), end: localDateTime('2026-03-09', '11:30') },
      { start: localDateTime('2026-03-09', '13:30'), end: localDateTime('2026-03-09', '17:00') },
    ]);
    expect(calendar.openingPeriods('2025-04-26')).toEqual([
      { start: localDateTime('2025-04-26', '07:00'), end: localDateTime('2025-04-26', '11:30') },
      { start: localDateTime('2025-04-26', '13:30'), end: localDateTime('2025-04-26', '17:00') },
    ]);
    expect(calendar.openingPeriods('2026-02-18')).toEqual([]);
  });

  it('isOpenAt uses half-open periods', () => {
    expect(calendar.isOpenAt(localDateTime('2026-03-09', '06:59'))).toBe(false);
    expect(calendar.isOpenAt(localDateTime('2026-03-09', '07:00'))).toBe(true);
    expect(calendar.isOpenAt(localDateTime('2026-03-09', '11:29'))).toBe(true);
    expect(calendar.isOpenAt(localDateTime('2026-03-09', '11:30'))).toBe(false);
    expect(calendar.isOpenAt(localDateTime('2026-03-09', '13:30'))).toBe(true);
    expect(calendar.isOpenAt(localDateTime('2026-03-09', '17:00'))).toBe(false);
    expect(calendar.isOpenAt(localDateTime('2026-03-07', '09:00'))).toBe(false);
  });

  it('nextOpeningAt returns the instant when open, else the next opening', () => {
    expect(calendar.nextOpeningAt(localDateTime('2026-03-09', '09:15'))).toEqual(
      localDateTime('2026-03-09', '09:15'),
    );
    expect(calendar.nextOpeningAt(localDateTime('2026-03-09', '05:00'))).toEqual(
      localDateTime('2026-03-09', '07:00'),
    );
    expect(calendar.nextOpeningAt(localDateTime('2026-03-09', '12:00'))).toEqual(
      localDateTime('2026-03-09', '13:30'),
    );
    expect(calendar.nextOpeningAt(localDateTime('2026-03-06', '17:00'))).toEqual(
      localDateTime('2026-03-09', '07:00'),
    );
    expect(calendar.nextOpeningAt(localDateTime('2026-02-13', '18:00'))).toEqual(
      localDateTime('2026-02-23', '07:00'),
    );
  });

  it('closingAt gives 17:00 on a working day and throws on a day off', () => {
    expect(calendar.closingAt('2026-03-09')).toEqual(localDateTime('2026-03-09', '17:00'));
    expect(() => calendar.closingAt('2026-02-17')).toThrow(RangeError);
    expect(() => calendar.closingAt('2026-03-07')).toThrow(/not a working day/);
  });

  it('supports other office hours (07:30–12:00, 13:00–16:30) and cut-off', () => {
    const other = createWorkingCalendar({
      officeHours: {
        periods: [
          { start: '07:30', end: '12:00' },
          { start: '13:00', end: '16:30' },
        ],
      },
      cutoff: '15:30',
    });
    expect(other.cutoff).toBe('15:30');
    expect(other.closingAt('2026-03-09')).toEqual(localDateTime('2026-03-09', '16:30'));
    expect(other.addWorkingMinutes(localDateTime('2026-03-09', '07:00'), 480)).toEqual(
      localDateTime('2026-03-09', '16:30'),
    );
  });
});

describe('working-time arithmetic', () => {
  it('workingMinutesBetween counts only office hours on working days', () => {
    expect(
      calendar.workingMinutesBetween(
        localDateTime('2026-03-05', '14:00'),
        localDateTime('2026-03-10', '09:00'),
      ),
    ).toBe(1260);
    expect(
      calendar.workingMinutesBetween(
        localDateTime('2026-03-09', '10:00'),
        localDateTime('2026-03-09', '14:00'),
      ),
    ).toBe(120);
    expect(
      calendar.workingMinutesBetween(
        localDateTime('2026-02-13', '07:00'),
        localDateTime('2026-02-24', '07:00'),
      ),
    ).toBe(960);
    expect(
      calendar.workingMinutesBetween(
        localDateTime('2026-03-09', '10:00'),
        localDateTime('2026-03-09', '10:00'),
      ),
    ).toBe(0);
    expect(
      calendar.workingMinutesBetween(
        localDateTime('2026-03-10', '10:00'),
        localDateTime('2026-03-09', '10:00'),
      ),
    ).toBe(0);
  });

  it('addWorkingMinutes stops exactly at the end of a period (11:30, not 13:30)', () => {
    expect(calendar.addWorkingMinutes(localDateTime('2026-03-09', '10:00'), 90)).toEqual(
      localDateTime('2026-03-09', '11:30'),
    );
    expect(calendar.addWorkingMinutes(localDateTime('2026-03-09', '10:00'), 91)).toEqual(
      localDateTime('2026-03-09', '13:31'),
    );
    expect(calendar.addWorkingMinutes(localDateTime('2026-03-09', '07:00'), 480)).toEqual(
      localDateTime('2026-03-09', '17:00'),
    );
    expect(calendar.addWorkingMinutes(localDateTime('2026-03-06', '16:00'), 60)).toEqual(
      localDateTime('2026-03-06', '17:00'),
    );
  });

  it('addWorkingMinutes with 0 minutes returns the next opening', () => {
    expect(calendar.addWorkingMinutes(localDateTime('2026-03-09', '12:00'), 0)).toEqual(
      localDateTime('2026-03-09', '13:30'),
    );
    expect(calendar.addWorkingMinutes(localDateTime('2026-03-09', '09:00'), 0)).toEqual(
      localDateTime('2026-03-09', '09:00'),
    );
  });

  it('addWorkingMinutes counts the swapped Saturday 26/4/2025', () => {
    const friday = localDateTime('2025-04-25', '10:00');
    expect(calendar.addWorkingMinutes(friday, 480)).toEqual(localDateTime('2025-04-26', '10:00'));
    expect(rulesOnly.addWorkingMinutes(friday, 480)).toEqual(localDateTime('2025-04-28', '10:00'));
    // Sat 26/4, Mon 28/4, Tue 29/4; then 30/4, 1/5 (holidays), 2/5 (bridge) and the weekend are skipped.
    expect(calendar.addWorkingMinutes(friday, 3 * 480)).toEqual(localDateTime('2025-04-29', '10:00'));
    expect(calendar.addWorkingMinutes(friday, 4 * 480)).toEqual(localDateTime('2025-05-05', '10:00'));
  });

  it('addWorkingMinutes rejects negative or non-finite amounts', () => {
    expect(() => calendar.addWorkingMinutes(localDateTime('2026-03-09', '10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingMinutes(localDateTime('2026-03-09', '10:00'), Number.NaN)).toThrow(
      RangeError,
    );
  });

  it('agrees with workingMinutesBetween both ways (property loop over 2025–2026)', () => {
    const random = randomGenerator(20260225);
    const from0 = localDateTime('2025-01-01', '00:00').getTime();
    const span = localDateTime('2026-12-01', '00:00').getTime() - from0;
    const failures: string[] = [];
    let reverseChecks = 0;
    for (let i = 0; i < 5000; i++) {
      const from = new Date(from0 + Math.floor((random() * span) / MINUTE_MS) * MINUTE_MS);
      const minutes = Math.floor(random() * 12_000);
      const due = calendar.addWorkingMinutes(from, minutes);
      const counted = calendar.workingMinutesBetween(from, due);
      if (counted !== minutes || due < from)
        failures.push(`add(${from.toISOString()}, ${minutes}) = ${due.toISOString()}, counted ${counted}`);

      // The other way: an open instant after the counting start (not a period start, where the
      // count would stop at the previous period's end) is reached by adding the minutes up to it.
      const to = new Date(from.getTime() + Math.floor(random() * 30 * 24 * 60) * MINUTE_MS);
      const isPeriodStart = calendar
        .openingPeriods(toLocalDateOf(to))
        .some((p) => p.start.getTime() === to.getTime());
      if (calendar.isOpenAt(to) && to > calendar.nextOpeningAt(from) && !isPeriodStart) {
        reverseChecks++;
        const reached = calendar.addWorkingMinutes(from, calendar.workingMinutesBetween(from, to));
        if (reached.getTime() !== to.getTime())
          failures.push(`from ${from.toISOString()} to ${to.toISOString()} reached ${reached.toISOString()}`);
      }
    }
    expect(failures).toEqual([]);
    expect(reverseChecks).toBeGreaterThan(500);
  });

  it('adds ten working days in microseconds (no per-minute loop)', () => {
    const start = localDateTime('2026-01-05', '09:00').getTime();
    const t0 = Date.now();
    let last = 0;
    for (let i = 0; i < 100_000; i++) {
      last = calendar.addWorkingMinutes(new Date(start + (i % 20_000) * MINUTE_MS), 4800).getTime();
    }
    const microseconds = ((Date.now() - t0) * 1000) / 100_000;
    expect(last).toBeGreaterThan(start);
    expect(microseconds).toBeLessThan(20);
  });
});

function toLocalDateOf(instant: Date): string {
  return new Date(instant.getTime() + 7 * 60 * MINUTE_MS).toISOString().slice(0, 10);
}

describe('configuration', () => {
  const hours = (periods: OfficeHours['periods']): { officeHours: OfficeHours } => ({
    officeHours: { periods },
  });

  it.each([
    ['no period', hours([]), /at least one opening period/],
    ['bad time', hours([{ start: '7:00', end: '11:30' }]), /HH:MM/],
    ['24:00', hours([{ start: '07:00', end: '24:00' }]), /HH:MM/],
    ['start after end', hours([{ start: '12:00', end: '08:00' }]), /must start before it ends/],
    ['empty period', hours([{ start: '08:00', end: '08:00' }]), /must start before it ends/],
    [
      'overlap',
      hours([
        { start: '07:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ]),
      /overlaps or is not after/,
    ],
    [
      'unsorted',
      hours([
        { start: '13:30', end: '17:00' },
        { start: '07:00', end: '11:30' },
      ]),
      /overlaps or is not after/,
    ],
  ])('rejects office hours with %s', (_label, config, message) => {
    expect(() => createWorkingCalendar(config)).toThrow(RangeError);
    expect(() => createWorkingCalendar(config)).toThrow(message);
  });

  it('rejects a bad cut-off', () => {
    expect(() => createWorkingCalendar({ cutoff: '25:00' })).toThrow(/cut-off/);
  });

  it('rejects invalid and duplicate override dates', () => {
    const override: CalendarOverride = { date: '2026-03-09', kind: 'day_off', name: 'Nghỉ' };
    expect(() => createWorkingCalendar({ overrides: [{ ...override, date: '2026-02-30' }] })).toThrow(
      /Invalid calendar override date/,
    );
    expect(() => createWorkingCalendar({ overrides: [{ ...override, date: '09/03/2026' }] })).toThrow(
      RangeError,
    );
    expect(() =>
      createWorkingCalendar({ overrides: [override, { ...override, kind: 'working_day' }] }),
    ).toThrow(/Duplicate calendar override for 2026-03-09/);
    expect(() => createWorkingCalendar({ overrides: [{ ...override, name: ' ' }] })).toThrow(/needs a name/);
  });

  it('has a stable version that changes with overrides, office hours and cut-off', () => {
    const again = createWorkingCalendar({ overrides: [...OFFICIAL_OVERRIDES].reverse() });
    expect(calendar.version).toMatch(/^[0-9a-f]{8}$/);
    expect(again.version).toBe(calendar.version);
    expect(rulesOnly.version).not.toBe(calendar.version);
    expect(createWorkingCalendar({ cutoff: '15:30' }).version).not.toBe(rulesOnly.version);
    expect(
      createWorkingCalendar({
        officeHours: {
          periods: [
            { start: '07:30', end: '11:30' },
            { start: '13:30', end: '17:00' },
          ],
        },
      }).version,
    ).not.toBe(rulesOnly.version);
    const renamed = OFFICIAL_OVERRIDES.map((o, i) => (i === 0 ? { ...o, name: `${o.name}.` } : o));
    expect(createWorkingCalendar({ overrides: renamed }).version).not.toBe(calendar.version);
  });
});
