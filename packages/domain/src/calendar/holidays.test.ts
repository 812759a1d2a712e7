import { describe, expect, it } from 'vitest';
import { isoWeekday } from '../time/local-time.ts';
import { publicHolidays } from './holidays.ts';
import { solarToLunar } from './lunar.ts';

function datesOf(year: number, kind?: 'holiday' | 'compensatory'): string[] {
  return publicHolidays(year)
    .filter((h) => kind === undefined || h.kind === kind)
    .map((h) => h.date);
}

function nameOn(year: number, date: string): string | undefined {
  return publicHolidays(year).find((h) => h.date === date)?.name;
}

describe('publicHolidays by rule (Labour Code 2019 Art. 112, Art. 111(3))', () => {
  it('2026: matches the official days off (Tết 16–20/2, Hùng Kings Sun 26/4 compensated Mon 27/4, 1–2/9)', () => {
    expect(publicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
      { date: '2026-02-16', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-02-17', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-02-18', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-02-19', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-02-20', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', kind: 'compensatory' },
      { date: '2026-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
      { date: '2026-09-01', name: 'Quốc khánh', kind: 'holiday' },
      { date: '2026-09-02', name: 'Quốc khánh', kind: 'holiday' },
    ]);
  });

  it('2025: the default Tết option (28/1–1/2) with a compensatory day for Saturday 1/2', () => {
    expect(datesOf(2025)).toEqual([
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-03',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ]);
    expect(nameOn(2025, '2025-02-03')).toBe('Nghỉ bù Tết Nguyên đán');
    expect(datesOf(2025, 'compensatory')).toEqual(['2025-02-03']);
  });

  it('2030: Tết on Saturday 2/2 gives two compensatory days after the Tết days', () => {
    const holidays = publicHolidays(2030);
    expect(holidays.filter((h) => h.name === 'Tết Nguyên đán').map((h) => h.date)).toEqual([
      '2030-02-01',
      '2030-02-02',
      '2030-02-03',
      '2030-02-04',
      '2030-02-05',
    ]);
    expect(datesOf(2030, 'compensatory')).toEqual(['2030-02-06', '2030-02-07']);
    expect(datesOf(2030)).toEqual(
      expect.arrayContaining(['2030-01-01', '2030-04-30', '2030-05-01', '2030-09-02', '2030-09-03']),
    );
    const hungKings = holidays.find((h) => h.name === 'Giỗ Tổ Hùng Vương');
    expect(hungKings && solarToLunar(hungKings.date)).toEqual({
      year: 2030,
      month: 3,
      day: 10,
      isLeapMonth: false,
    });
    expect(holidays).toHaveLength(13);
  });

  it('2023: three holidays in a row over a weekend (Hùng Kings Sat 29/4, Sun 30/4, Mon 1/5) give Tue 2/5 and Wed 3/5', () => {
    expect(datesOf(2023).filter((d) => d >= '2023-04-01' && d <= '2023-05-31')).toEqual([
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
    ]);
    const compensatory = publicHolidays(2023).filter(
      (h) => h.kind === 'compensatory' && !h.name.includes('Tết Nguyên đán'),
    );
    expect(compensatory.map((h) => h.date)).toEqual(['2023-01-02', '2023-05-02', '2023-05-03', '2023-09-04']);
    expect(nameOn(2023, '2023-01-02')).toBe('Nghỉ bù Tết Dương lịch');
    expect(nameOn(2023, '2023-05-02')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(nameOn(2023, '2023-05-03')).toBe('Nghỉ bù Ngày Chiến thắng');
  });

  it('2022: New Year on Saturday and 30/4–1/5 on a weekend', () => {
    const fixedDate = publicHolidays(2022).filter(
      (h) =>
        h.kind === 'compensatory' && !h.name.includes('Tết Nguyên đán') && !h.name.includes('Hùng Vương'),
    );
    expect(fixedDate).toEqual([
      { date: '2022-01-03', name: 'Nghỉ bù Tết Dương lịch', kind: 'compensatory' },
      { date: '2022-05-02', name: 'Nghỉ bù Ngày Chiến thắng', kind: 'compensatory' },
      { date: '2022-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động', kind: 'compensatory' },
    ]);
  });

  it.each([
    [2024, 'Monday', ['2024-09-02', '2024-09-03'], []],
    [2025, 'Tuesday', ['2025-09-01', '2025-09-02'], []],
    [2026, 'Wednesday', ['2026-09-01', '2026-09-02'], []],
    [2021, 'Thursday', ['2021-09-02', '2021-09-03'], []],
    [2022, 'Friday', ['2022-09-01', '2022-09-02'], []],
    [2023, 'Saturday', ['2023-09-01', '2023-09-02'], ['2023-09-04']],
    [2029, 'Sunday', ['2029-09-02', '2029-09-03'], ['2029-09-04']],
  ])(
    'National Day %i (2/9 on a %s): adjacent day and compensation',
    (year, _weekday, national, compensatory) => {
      const september = publicHolidays(year).filter((h) => h.date.slice(5, 7) === '09');
      expect(september.filter((h) => h.kind === 'holiday').map((h) => h.date)).toEqual(national);
      expect(september.filter((h) => h.kind === 'compensatory').map((h) => h.date)).toEqual(compensatory);
    },
  );

  it('returns dates sorted, unique, and never a compensatory day on a weekend', () => {
    for (let year = 1976; year <= 2100; year++) {
      const dates = datesOf(year);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      for (const h of publicHolidays(year)) {
        if (h.kind === 'compensatory') expect(isoWeekday(h.date)).toBeLessThanOrEqual(5);
        expect(h.date.startsWith(String(year))).toBe(true);
      }
      // 11 holidays, plus one compensatory day per holiday on a weekend.
      const weekendHolidays = publicHolidays(year).filter(
        (h) => h.kind === 'holiday' && isoWeekday(h.date) >= 6,
      );
      expect(dates.length).toBe(11 + weekendHolidays.length);
    }
  });
});
