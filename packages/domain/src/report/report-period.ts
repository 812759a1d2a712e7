import {
  addLocalDays,
  isoWeekday,
  parseLocalDate,
  formatLocalDate,
  diffLocalDays,
  type LocalDate,
} from '../time/local-time.ts';
import type { ReportPeriod } from './report-definitions.ts';

/** Periods people ask for: weeks from Monday, months, quarters, years (whole days in Vietnam). */

export function weekStartOf(date: LocalDate): LocalDate {
  return addLocalDays(date, 1 - isoWeekday(date));
}

export function monthStartOf(date: LocalDate): LocalDate {
  const { year, month } = parseLocalDate(date);
  return formatLocalDate(year, month, 1);
}

export function monthEndOf(date: LocalDate): LocalDate {
  const { year, month } = parseLocalDate(date);
  return addLocalDays(
    month === 12 ? formatLocalDate(year + 1, 1, 1) : formatLocalDate(year, month + 1, 1),
    -1,
  );
}

export function quarterStartOf(date: LocalDate): LocalDate {
  const { year, month } = parseLocalDate(date);
  return formatLocalDate(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = parseLocalDate(monthEndOf(formatLocalDate(y, m, 1))).day;
  return formatLocalDate(y, m, Math.min(day, last));
}

/** The last complete week (Monday to Sunday) before `today`. */
export function previousWeek(today: LocalDate): ReportPeriod {
  const from = addLocalDays(weekStartOf(today), -7);
  return { from, to: addLocalDays(from, 6) };
}

export function periodDays(period: ReportPeriod): number {
  return diffLocalDays(period.from, period.to) + 1;
}

export const PERIOD_PRESETS = [
  'this_month',
  'last_month',
  'this_quarter',
  'this_year',
  'last_year',
  'last_week',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_PRESET_LABELS = {
  this_month: { vi: 'Tháng này', en: 'This month' },
  last_month: { vi: 'Tháng trước', en: 'Last month' },
  this_quarter: { vi: 'Quý này', en: 'This quarter' },
  this_year: { vi: 'Năm nay', en: 'This year' },
  last_year: { vi: 'Năm trước', en: 'Last year' },
  last_week: { vi: 'Tuần trước', en: 'Last week' },
} as const satisfies Record<PeriodPreset, { vi: string; en: string }>;

/** A preset as dates; periods that have not ended run to `today`. */
export function presetPeriod(preset: PeriodPreset, today: LocalDate): ReportPeriod {
  const { year } = parseLocalDate(today);
  switch (preset) {
    case 'this_month':
      return { from: monthStartOf(today), to: today };
    case 'last_month': {
      const from = addMonths(monthStartOf(today), -1);
      return { from, to: monthEndOf(from) };
    }
    case 'this_quarter':
      return { from: quarterStartOf(today), to: today };
    case 'this_year':
      return { from: formatLocalDate(year, 1, 1), to: today };
    case 'last_year':
      return { from: formatLocalDate(year - 1, 1, 1), to: formatLocalDate(year - 1, 12, 31) };
    case 'last_week':
      return previousWeek(today);
  }
}

function vnDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** "Từ ngày 01/03/2026 đến ngày 31/03/2026", as on the official sheets. */
export function formatPeriod(period: ReportPeriod): { vi: string; en: string } {
  return {
    vi: `Từ ngày ${vnDate(period.from)} đến ngày ${vnDate(period.to)}`,
    en: `From ${vnDate(period.from)} to ${vnDate(period.to)}`,
  };
}

/** Consecutive buckets (weeks from Monday or calendar months) covering [from, to], cut to it. */
export function periodBuckets(period: ReportPeriod, size: 'week' | 'month'): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  let start = size === 'week' ? weekStartOf(period.from) : monthStartOf(period.from);
  while (start <= period.to) {
    const next = size === 'week' ? addLocalDays(start, 7) : addMonths(start, 1);
    const end = addLocalDays(next, -1);
    out.push({ from: start < period.from ? period.from : start, to: end > period.to ? period.to : end });
    start = next;
  }
  return out;
}
