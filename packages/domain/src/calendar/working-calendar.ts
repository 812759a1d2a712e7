import {
  DAY_MS,
  MINUTE_MS,
  VN_UTC_OFFSET_MINUTES,
  formatLocalDate,
  isLocalDate,
  isLocalTime,
  localTimeToMinutes,
  parseLocalDate,
  type LocalDate,
  type LocalTime,
} from '../time/local-time.ts';
import {
  DEFAULT_OFFICE_HOURS,
  DEFAULT_TRANSFER_CUTOFF,
  type CalendarOverride,
  type DayInfo,
  type OfficeHours,
  type PublicHoliday,
  type WorkingCalendarConfig,
} from './calendar-types.ts';
import { HOLIDAY_RULES_VERSION, publicHolidays } from './holidays.ts';

/**
 * The working calendar of a unit: which days are worked (rules + official overrides) and when the
 * office is open (office hours), with working-time arithmetic on instants.
 *
 * Working-time arithmetic steps per opening period and per day (never per minute), and day kinds
 * and holidays are cached, so adding ten working days costs a few microseconds.
 */
export interface WorkingCalendar {
  readonly officeHours: OfficeHours;
  /** Transfer and same-day cut-off, default '15:00'. */
  readonly cutoff: LocalTime;
  /** Stable short hash (FNV-1a, hex) of rules version + overrides + office hours + cutoff: stored with every computed due date. */
  readonly version: string;
  /** Precedence: override > rule holiday/compensatory > weekend > working. */
  dayInfo(date: LocalDate): DayInfo;
  isWorkingDay(date: LocalDate): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate;
  /** Opening periods on a date as instants; [] on non-working days. */
  openingPeriods(date: LocalDate): { start: Date; end: Date }[];
  isOpenAt(instant: Date): boolean;
  /** `instant` if the office is open then, else the start of the next opening period. */
  nextOpeningAt(instant: Date): Date;
  /** End of the last opening period of the working day `date` (throws RangeError on a non-working day). */
  closingAt(date: LocalDate): Date;
  /** Working minutes in [from, to) (0 if to <= from). May be fractional when instants carry seconds. */
  workingMinutesBetween(from: Date, to: Date): number;
  /**
   * Adds working minutes: counting starts at nextOpeningAt(from). If the count completes exactly at
   * the end of a period, returns that end (e.g. 11:30), not the next opening. 0 minutes returns
   * nextOpeningAt(from).
   */
  addWorkingMinutes(from: Date, minutes: number): Date;
}

/** Version of the working-time semantics; part of the calendar version hash. */
export const WORKING_CALENDAR_ENGINE_VERSION = 'motcua-working-calendar/v1';

/** How far the calendar looks for a working day or an opening before giving up (ten years). */
const MAX_SCAN_DAYS = 3660;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * MINUTE_MS;

interface PeriodOffsets {
  /** Milliseconds after local midnight. */
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// Local day numbers: days since 1970-01-01 in Vietnam local time.

function dayIndexOfInstant(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

function dayIndexOfDate(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Parsed local dates (bounded: cleared when it grows past this size). */
const DATE_INDEX_CACHE_LIMIT = 100_000;

function dateOfDayIndex(dayIndex: number): LocalDate {
  const t = new Date(dayIndex * DAY_MS);
  return formatLocalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function startOfDayMs(dayIndex: number): number {
  return dayIndex * DAY_MS - OFFSET_MS;
}

/** ISO weekday of a local day number (1970-01-01 was a Thursday). */
function isoWeekdayOfDayIndex(dayIndex: number): number {
  return ((((dayIndex + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------------------------
// Validation and version

function validateOfficeHours(officeHours: OfficeHours): OfficeHours {
  const periods = officeHours.periods;
  if (!Array.isArray(periods) || periods.length === 0) {
    throw new RangeError('Invalid office hours: at least one opening period is required');
  }
  let previousEnd = -1;
  periods.forEach((period, i) => {
    const label = `period ${i + 1} (${String(period.start)}–${String(period.end)})`;
    if (!isLocalTime(period.start) || !isLocalTime(period.end)) {
      throw new RangeError(`Invalid office hours: ${label} must use HH:MM times`);
    }
    const start = localTimeToMinutes(period.start);
    const end = localTimeToMinutes(period.end);
    if (start >= end) throw new RangeError(`Invalid office hours: ${label} must start before it ends`);
    if (start < previousEnd) {
      throw new RangeError(`Invalid office hours: ${label} overlaps or is not after the previous period`);
    }
    previousEnd = end;
  });
  return Object.freeze({
    periods: Object.freeze(periods.map((p) => Object.freeze({ start: p.start, end: p.end }))),
  });
}

const OVERRIDE_KINDS: ReadonlySet<string> = new Set(['day_off', 'working_day']);

function validateOverrides(overrides: readonly CalendarOverride[]): Map<LocalDate, CalendarOverride> {
  const byDate = new Map<LocalDate, CalendarOverride>();
  for (const override of overrides) {
    if (typeof override.date !== 'string' || !isLocalDate(override.date)) {
      throw new RangeError(`Invalid calendar override date: ${String(override.date)}`);
    }
    if (!OVERRIDE_KINDS.has(override.kind)) {
      throw new RangeError(`Invalid calendar override kind on ${override.date}: ${String(override.kind)}`);
    }
    if (typeof override.name !== 'string' || override.name.trim() === '') {
      throw new RangeError(`Calendar override on ${override.date} needs a name`);
    }
    if (byDate.has(override.date)) throw new RangeError(`Duplicate calendar override for ${override.date}`);
    byDate.set(
      override.date,
      Object.freeze({
        date: override.date,
        kind: override.kind,
        name: override.name,
        ...(override.reference ? { reference: override.reference } : {}),
      }),
    );
  }
  return byDate;
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function calendarVersion(
  officeHours: OfficeHours,
  cutoff: LocalTime,
  overrides: Map<LocalDate, CalendarOverride>,
): string {
  const sorted = [...overrides.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const canonical = JSON.stringify([
    WORKING_CALENDAR_ENGINE_VERSION,
    HOLIDAY_RULES_VERSION,
    officeHours.periods.map((p) => `${p.start}-${p.end}`),
    cutoff,
    sorted.map((o) => [o.date, o.kind, o.name, o.reference ?? '']),
  ]);
  return fnv1a(canonical);
}

// ---------------------------------------------------------------------------------------------
// Implementation

class RuleBasedWorkingCalendar implements WorkingCalendar {
  readonly officeHours: OfficeHours;
  readonly cutoff: LocalTime;
  readonly version: string;

  readonly #overrides: Map<LocalDate, CalendarOverride>;
  readonly #periods: PeriodOffsets[];
  readonly #dayTotalMs: number;
  readonly #days = new Map<number, DayInfo>();
  readonly #indexByDate = new Map<LocalDate, number>();
  readonly #holidaysByYear = new Map<number, Map<LocalDate, PublicHoliday>>();

  constructor(officeHours: OfficeHours, cutoff: LocalTime, overrides: Map<LocalDate, CalendarOverride>) {
    this.officeHours = officeHours;
    this.cutoff = cutoff;
    this.#overrides = overrides;
    this.#periods = officeHours.periods.map((p) => ({
      start: localTimeToMinutes(p.start) * MINUTE_MS,
      end: localTimeToMinutes(p.end) * MINUTE_MS,
    }));
    this.#dayTotalMs = this.#periods.reduce((sum, p) => sum + (p.end - p.start), 0);
    this.version = calendarVersion(officeHours, cutoff, overrides);
  }

  #holidays(year: number): Map<LocalDate, PublicHoliday> {
    let byDate = this.#holidaysByYear.get(year);
    if (!byDate) {
      byDate = new Map(publicHolidays(year).map((h) => [h.date, h]));
      this.#holidaysByYear.set(year, byDate);
    }
    return byDate;
  }

  #dayInfoByIndex(dayIndex: number): DayInfo {
    const cached = this.#days.get(dayIndex);
    if (cached) return cached;
    const date = dateOfDayIndex(dayIndex);
    const isWeekend = isoWeekdayOfDayIndex(dayIndex) >= 6;
    const override = this.#overrides.get(date);
    let info: DayInfo;
    if (override) {
      const isWorkingDay = override.kind === 'working_day';
      info = {
        date,
        kind: isWorkingDay ? (isWeekend ? 'swapped_working' : 'working') : 'day_off',
        isWorkingDay,
        name: override.name,
        ...(override.reference ? { reference: override.reference } : {}),
      };
    } else {
      const holiday = this.#holidays(Number(date.slice(0, 4))).get(date);
      if (holiday) info = { date, kind: holiday.kind, isWorkingDay: false, name: holiday.name };
      else if (isWeekend) info = { date, kind: 'weekend', isWorkingDay: false };
      else info = { date, kind: 'working', isWorkingDay: true };
    }
    Object.freeze(info);
    this.#days.set(dayIndex, info);
    return info;
  }

  /** Day number of a local date; validates the date (RangeError) and caches the parse. */
  #indexOf(date: LocalDate): number {
    let dayIndex = this.#indexByDate.get(date);
    if (dayIndex === undefined) {
      dayIndex = dayIndexOfDate(date);
      if (this.#indexByDate.size >= DATE_INDEX_CACHE_LIMIT) this.#indexByDate.clear();
      this.#indexByDate.set(date, dayIndex);
    }
    return dayIndex;
  }

  #isWorkingIndex(dayIndex: number): boolean {
    return this.#dayInfoByIndex(dayIndex).isWorkingDay;
  }

  #nextWorkingIndex(dayIndex: number, step: 1 | -1): number {
    let d = dayIndex;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d += step;
      if (this.#isWorkingIndex(d)) return d;
    }
    throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days of ${dateOfDayIndex(dayIndex)}`);
  }

  /** `t` if open, else the start of the next opening period (epoch milliseconds). */
  #nextOpeningMs(t: number): number {
    let dayIndex = dayIndexOfInstant(t);
    for (let i = 0; i < MAX_SCAN_DAYS; i++, dayIndex++) {
      if (!this.#isWorkingIndex(dayIndex)) continue;
      const base = startOfDayMs(dayIndex);
      for (const p of this.#periods) {
        if (t < base + p.start) return base + p.start;
        if (t < base + p.end) return t;
      }
    }
    throw new RangeError(`No opening within ${MAX_SCAN_DAYS} days of ${new Date(t).toISOString()}`);
  }

  dayInfo(date: LocalDate): DayInfo {
    return this.#dayInfoByIndex(this.#indexOf(date));
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.#dayInfoByIndex(this.#indexOf(date)).isWorkingDay;
  }

  nextWorkingDay(date: LocalDate): LocalDate {
    return dateOfDayIndex(this.#nextWorkingIndex(this.#indexOf(date), 1));
  }

  previousWorkingDay(date: LocalDate): LocalDate {
    return dateOfDayIndex(this.#nextWorkingIndex(this.#indexOf(date), -1));
  }

  openingPeriods(date: LocalDate): { start: Date; end: Date }[] {
    const dayIndex = this.#indexOf(date);
    if (!this.#isWorkingIndex(dayIndex)) return [];
    const base = startOfDayMs(dayIndex);
    return this.#periods.map((p) => ({ start: new Date(base + p.start), end: new Date(base + p.end) }));
  }

  isOpenAt(instant: Date): boolean {
    const t = instant.getTime();
    const dayIndex = dayIndexOfInstant(t);
    if (!this.#isWorkingIndex(dayIndex)) return false;
    const offset = t - startOfDayMs(dayIndex);
    return this.#periods.some((p) => offset >= p.start && offset < p.end);
  }

  nextOpeningAt(instant: Date): Date {
    return new Date(this.#nextOpeningMs(instant.getTime()));
  }

  closingAt(date: LocalDate): Date {
    const dayIndex = this.#indexOf(date);
    const last = this.#periods[this.#periods.length - 1];
    if (!last || !this.#isWorkingIndex(dayIndex)) {
      throw new RangeError(`${date} is not a working day (${this.#dayInfoByIndex(dayIndex).kind})`);
    }
    return new Date(startOfDayMs(dayIndex) + last.end);
  }

  workingMinutesBetween(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (!(b > a)) return 0;
    const first = dayIndexOfInstant(a);
    const last = dayIndexOfInstant(b);
    let total = 0;
    for (let dayIndex = first; dayIndex <= last; dayIndex++) {
      if (!this.#isWorkingIndex(dayIndex)) continue;
      if (dayIndex > first && dayIndex < last) {
        total += this.#dayTotalMs;
        continue;
      }
      const base = startOfDayMs(dayIndex);
      for (const p of this.#periods) {
        const overlap = Math.min(base + p.end, b) - Math.max(base + p.start, a);
        if (overlap > 0) total += overlap;
      }
    }
    return total / MINUTE_MS;
  }

  addWorkingMinutes(from: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`Working minutes must be a finite number >= 0, got ${minutes}`);
    }
    const start = this.#nextOpeningMs(from.getTime());
    let remaining = minutes * MINUTE_MS;
    if (remaining === 0) return new Date(start);
    let dayIndex = dayIndexOfInstant(start);
    let t = start;
    for (let i = 0; i <= MAX_SCAN_DAYS; i++) {
      if (i > 0) {
        dayIndex = this.#nextWorkingIndex(dayIndex, 1);
        if (remaining > this.#dayTotalMs) {
          remaining -= this.#dayTotalMs;
          continue;
        }
        t = startOfDayMs(dayIndex);
      }
      const base = startOfDayMs(dayIndex);
      for (const p of this.#periods) {
        const end = base + p.end;
        if (end <= t) continue;
        const countFrom = Math.max(t, base + p.start);
        const available = end - countFrom;
        if (remaining <= available) return new Date(countFrom + remaining);
        remaining -= available;
      }
    }
    throw new RangeError(
      `Cannot add ${minutes} working minutes: no working time within ${MAX_SCAN_DAYS} days`,
    );
  }
}

/**
 * Builds a working calendar from the rules (weekends, Labour Code holidays with compensatory days)
 * plus official overrides and office hours. Throws RangeError on an invalid configuration.
 */
export function createWorkingCalendar(config: WorkingCalendarConfig = {}): WorkingCalendar {
  const officeHours = validateOfficeHours(config.officeHours ?? DEFAULT_OFFICE_HOURS);
  const cutoff = config.cutoff ?? DEFAULT_TRANSFER_CUTOFF;
  if (!isLocalTime(cutoff)) throw new RangeError(`Invalid cut-off time: ${String(cutoff)} (expected HH:MM)`);
  const overrides = validateOverrides(config.overrides ?? []);
  return new RuleBasedWorkingCalendar(officeHours, cutoff, overrides);
}
