import { describe, expect, it } from 'vitest';
import { addLocalDays } from '../time/local-time.ts';
import { leapMonthOf, lunarNewYear, lunarToSolar, solarToLunar, type LunarDate } from './lunar.ts';

/*
 * Every expected date below comes from a published source, not from this implementation:
 * - Tết 2007 = 17/02/2007 (China 18/02) and Tết 2030 = 02/02/2030 (China 03/02), Tết 2053 =
 *   18/02/2053: Vietnamese government calendar officials quoted by viet-jo.com (6/7/2006), and
 *   kientruc2014.com ("In 2007 the Vietnamese New Year is on 17/02/2007, the Chinese one on
 *   18/02/2007. In 2030 the dates are 02/02/2030 and 03/02/2030, and in 2053 …").
 * - Tết 1985 = 21/01/1985 in Vietnam, a month before China (20/02/1985): oreateai.com "1985 Lunar
 *   New Year" and the UTC+7 switch described by Wikipedia "Vietnamese calendar".
 * - Tết 2024 = 10/02/2024 (alokhoai.com, "Năm 2023 có nhuận không?"); 2023 has a leap month 2
 *   (same page; kinhtedothi.vn "Vì sao năm 2023 có tới 2 tháng 2 âm lịch?").
 * - Tết 2025 = 29/01/2025 and the lunar year Ất Tỵ runs 29/1/2025–16/2/2026 (384 days), month 6 is
 *   25/6–24/7/2025, leap month 6 is 25/7–22/8/2025 (29 days), month 7 starts 23/8/2025:
 *   thanhnien.vn, "Lịch âm hôm nay 22.8: Ngày cuối tháng 6 nhuận" (22/8/2025).
 * - 25/1/2025 = 26 tháng Chạp and 2/2/2025 = mùng 5 tháng Giêng: summary of Công văn
 *   8726/VPCP-KGVX (thuvienphapluat, mirrored in tnt305/tai_lieu_noi_bo).
 * - Tết 2026 = 17/02/2026, 16/2/2026 = 29 tháng Chạp Ất Tỵ, Tết 2027 = 06/02/2027: thanhnien.vn,
 *   "Lịch nghỉ Tết Nguyên đán Bính Ngọ 9 ngày liên tục" (8/1/2026). 14/2/2026 = 27 tháng Chạp and
 *   22/2/2026 = mùng 6 tháng Giêng: kienthuc.net.vn on Công văn 9859/VPCP-KGVX (13/10/2025).
 * - 1/1/2026 = 13/11/2025 âm lịch: thuvienphapluat (tnt305/tai_lieu_noi_bo 0c003c385f333f76.md).
 * - Giỗ Tổ Hùng Vương (10/3): 07/04/2025 (thuvienphapluat on 8726), 26/04/2026 (thanhnien.vn,
 *   23/2/2026), 29/04/2023 (bnews.vn, tieudung.vn), 21/04/2021 (nguoiduatin.vn).
 */

function lunar(year: number, month: number, day: number, isLeapMonth = false): LunarDate {
  return { year, month, day, isLeapMonth };
}

describe('lunarNewYear (mùng 1 Tết, Vietnam UTC+7)', () => {
  it.each([
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2030, '2030-02-02'],
    [2053, '2053-02-18'],
  ])('Tết %i is %s', (year, expected) => {
    expect(lunarNewYear(year)).toBe(expected);
    expect(solarToLunar(expected)).toEqual(lunar(year, 1, 1));
  });

  it('differs from the Chinese (UTC+8) New Year in 2007 and 2030', () => {
    expect(lunarNewYear(2007)).not.toBe('2007-02-18');
    expect(lunarNewYear(2030)).not.toBe('2030-02-03');
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
  it.each([
    [2021, '2021-04-21'],
    [2023, '2023-04-29'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('%i is %s', (year, expected) => {
    expect(lunarToSolar(lunar(year, 3, 10))).toBe(expected);
    expect(solarToLunar(expected)).toEqual(lunar(year, 3, 10));
  });
});

describe('solarToLunar around Tết', () => {
  it('knows the last days of Giáp Thìn and Ất Tỵ', () => {
    expect(solarToLunar('2025-01-25')).toEqual(lunar(2024, 12, 26));
    expect(solarToLunar('2025-01-28')).toEqual(lunar(2024, 12, 29));
    expect(solarToLunar('2025-02-02')).toEqual(lunar(2025, 1, 5));
    expect(solarToLunar('2026-02-14')).toEqual(lunar(2025, 12, 27));
    expect(solarToLunar('2026-02-16')).toEqual(lunar(2025, 12, 29));
    expect(solarToLunar('2026-02-22')).toEqual(lunar(2026, 1, 6));
  });

  it('puts 1/1/2026 in month 11 of the lunar year 2025', () => {
    expect(solarToLunar('2026-01-01')).toEqual(lunar(2025, 11, 13));
  });
});

describe('leap months', () => {
  it('2023 has a leap month 2 and 2025 a leap month 6; 2024 and 2026 have none', () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2026)).toBeNull();
  });

  it('places the leap month 6 of 2025 from 25/7 to 22/8/2025', () => {
    expect(lunarToSolar(lunar(2025, 6, 1))).toBe('2025-06-25');
    expect(solarToLunar('2025-07-24')).toEqual(lunar(2025, 6, 30));
    expect(lunarToSolar(lunar(2025, 6, 1, true))).toBe('2025-07-25');
    expect(solarToLunar('2025-07-25')).toEqual(lunar(2025, 6, 1, true));
    expect(solarToLunar('2025-08-22')).toEqual(lunar(2025, 6, 29, true));
    expect(solarToLunar('2025-08-23')).toEqual(lunar(2025, 7, 1));
  });

  it('gives Ất Tỵ (2025) 384 days', () => {
    const start = lunarNewYear(2025);
    const next = lunarNewYear(2026);
    expect(start).toBe('2025-01-29');
    expect(addLocalDays(start, 384)).toBe(next);
  });

  it('has a date in the leap month 2 of 2023', () => {
    // 10/3/2023 was 29/4/2023, so month 3 began on 20/4/2023 and the leap month 2 (29 or 30 days)
    // on 21 or 22/3/2023: 5/4/2023 lies inside it.
    expect(solarToLunar('2023-04-05')).toMatchObject({ year: 2023, month: 2, isLeapMonth: true });
    expect(lunarToSolar(lunar(2023, 3, 1))).toBe('2023-04-20');
  });
});

describe('lunarToSolar errors', () => {
  it('rejects a leap month the year does not have', () => {
    expect(() => lunarToSolar(lunar(2025, 3, 1, true))).toThrow(RangeError);
    expect(() => lunarToSolar(lunar(2026, 6, 1, true))).toThrow(/no leap month 6/);
  });

  it('rejects day 30 of a 29-day month', () => {
    expect(() => lunarToSolar(lunar(2025, 6, 30, true))).toThrow(/only 29 days/);
  });

  it('rejects malformed dates and years outside 1901–2199', () => {
    expect(() => lunarToSolar(lunar(2025, 13, 1))).toThrow(RangeError);
    expect(() => lunarToSolar(lunar(2025, 1, 0))).toThrow(RangeError);
    expect(() => lunarToSolar(lunar(1800, 1, 1))).toThrow(RangeError);
    expect(() => solarToLunar('2300-01-01')).toThrow(RangeError);
    expect(() => solarToLunar('2025-02-30')).toThrow(RangeError);
  });
});

describe('consistency over 1976–2100', () => {
  it('round-trips every day (solar → lunar → solar) and numbers the days without gaps', () => {
    let date = '1976-01-01';
    let previous = solarToLunar(date);
    let newYears = 0;
    while (date <= '2100-12-31') {
      const current = solarToLunar(date);
      if (lunarToSolar(current) !== date) throw new Error(`Round trip failed for ${date}`);
      if (date !== '1976-01-01') {
        const isNextDay = current.day === previous.day + 1 && current.month === previous.month;
        const isNewMonth = current.day === 1 && (previous.day === 29 || previous.day === 30);
        if (!isNextDay && !isNewMonth) throw new Error(`Lunar days jump at ${date}`);
        if (isNewMonth && current.month === 1 && !current.isLeapMonth) {
          newYears++;
          if (current.year !== previous.year + 1 || date.slice(0, 4) !== String(current.year)) {
            throw new Error(`Lunar year does not advance at ${date}`);
          }
        }
      }
      previous = current;
      date = addLocalDays(date, 1);
    }
    expect(newYears).toBe(125); // Tết 1976 … Tết 2100
  });

  it('spaces leap years two or three years apart (7 in 19 years on average)', () => {
    const leapYears: number[] = [];
    for (let year = 1976; year <= 2100; year++) if (leapMonthOf(year) !== null) leapYears.push(year);
    for (let i = 1; i < leapYears.length; i++) {
      expect([2, 3]).toContain((leapYears[i] ?? 0) - (leapYears[i - 1] ?? 0));
    }
    expect(leapYears.length).toBeGreaterThanOrEqual(45);
    expect(leapYears.length).toBeLessThanOrEqual(47);
  });
});
