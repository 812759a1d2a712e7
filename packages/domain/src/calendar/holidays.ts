import { addLocalDays, formatLocalDate, isoWeekday, type LocalDate } from '../time/local-time.ts';
import type { PublicHoliday } from './calendar-types.ts';
import { lunarNewYear, lunarToSolar } from './lunar.ts';

/**
 * Public holidays of civil servants by rule: Labour Code 2019 (45/2019/QH14) Art. 112(1), with
 * the compensatory rule of Art. 111(3), for offices whose weekly days off are Saturday and Sunday.
 *
 * Art. 112(3) lets the Prime Minister fix the exact days of the lunar Tết (point b) and of National
 * Day (point đ) each year; the Government's yearly letters (and any swapped working days) are
 * data, entered as overrides (official-overrides.ts), and take precedence over these rules.
 *
 * Default rules used when no official decision is known:
 * - Tết Nguyên đán (5 days): the last day of the old lunar year and mùng 1 to mùng 4 of the new
 *   one. This is the first of the options the Government offers employers every year ("01 ngày
 *   cuối năm và 04 ngày đầu năm"), and it is what was announced for 2026 (16/2–20/2/2026).
 * - Quốc khánh (2 days): 2 September plus one adjacent day, chosen to make the longest break:
 *   | 2/9 on | adjacent day | why |
 *   | Monday | Tuesday 3/9 | the weekend already touches 2/9 (as in 2024) |
 *   | Tuesday | Monday 1/9 | joins the weekend (as in 2025) |
 *   | Wednesday | Tuesday 1/9 | neither side joins a weekend; the day before, as in 2026 |
 *   | Thursday | Friday 3/9 | joins the weekend (as in 2021) |
 *   | Friday | Thursday 1/9 | the weekend already touches 2/9 (as in 2022) |
 *   | Saturday | Friday 1/9 | joins the weekend; 2/9 is compensated on Monday (as in 2023) |
 *   | Sunday | Monday 3/9 | 2/9 is compensated on Tuesday 4/9 |
 * - Compensatory days (nghỉ bù): each holiday that falls on a Saturday or Sunday gives the next
 *   weekday that is neither a holiday nor already a compensatory day. Holidays are handled in
 *   date order, so two weekend holidays give two consecutive compensatory days.
 *
 * Not included: Ngày Văn hóa Việt Nam (24/11). Resolution 80-NQ/TW (7/1/2026) decided it should
 * become a paid day off, but Art. 112 had not been amended when this was written; add it as a rule
 * (with its first year) once the amendment is in force, or as an override meanwhile.
 */

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  lunarNewYear: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victoryDay: 'Ngày Chiến thắng',
  labourDay: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
} as const;

/** Identifies the rule set below; part of the working calendar's version hash. */
export const HOLIDAY_RULES_VERSION = 'vn-labour-code-2019-art112/v1';

/** Day offset from 2 September of the adjacent National Day holiday, indexed by ISO weekday of 2/9. */
const NATIONAL_DAY_ADJACENT_OFFSET: Record<number, number> = { 1: 1, 2: -1, 3: -1, 4: 1, 5: -1, 6: -1, 7: 1 };

function isWeekendDate(date: LocalDate): boolean {
  return isoWeekday(date) >= 6;
}

/** Rule-based holidays of a year (without compensatory days), unsorted. */
function statutoryHolidays(year: number): PublicHoliday[] {
  const holidays: PublicHoliday[] = [];
  const add = (date: LocalDate, name: string): void => {
    holidays.push({ date, name, kind: 'holiday' });
  };
  add(formatLocalDate(year, 1, 1), HOLIDAY_NAMES.newYear);
  const tet = lunarNewYear(year);
  for (let offset = -1; offset <= 3; offset++) add(addLocalDays(tet, offset), HOLIDAY_NAMES.lunarNewYear);
  add(lunarToSolar({ year, month: 3, day: 10, isLeapMonth: false }), HOLIDAY_NAMES.hungKings);
  add(formatLocalDate(year, 4, 30), HOLIDAY_NAMES.victoryDay);
  add(formatLocalDate(year, 5, 1), HOLIDAY_NAMES.labourDay);
  const nationalDay = formatLocalDate(year, 9, 2);
  add(nationalDay, HOLIDAY_NAMES.nationalDay);
  add(
    addLocalDays(nationalDay, NATIONAL_DAY_ADJACENT_OFFSET[isoWeekday(nationalDay)] ?? 1),
    HOLIDAY_NAMES.nationalDay,
  );
  return holidays;
}

/**
 * Public holidays and compensatory days of a year by rule, sorted by date. Names are Vietnamese
 * ("Nghỉ bù Giỗ Tổ Hùng Vương" for a compensatory day).
 */
export function publicHolidays(year: number): PublicHoliday[] {
  const holidays = statutoryHolidays(year).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const taken = new Set(holidays.map((h) => h.date));
  const compensatory: PublicHoliday[] = [];
  for (const holiday of holidays) {
    if (!isWeekendDate(holiday.date)) continue;
    let day = addLocalDays(holiday.date, 1);
    while (isWeekendDate(day) || taken.has(day)) day = addLocalDays(day, 1);
    taken.add(day);
    compensatory.push({ date: day, name: `Nghỉ bù ${holiday.name}`, kind: 'compensatory' });
  }
  return [...holidays, ...compensatory].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
