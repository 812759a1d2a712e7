import type { LocalDate, LocalTime } from '../time/local-time.ts';

/**
 * Contract of the working calendar (implemented in working-calendar.ts).
 *
 * The calendar answers "is this a working day, and when is the office open" for one unit. It is
 * built from rules (weekends, Vietnamese public holidays computed from the lunar calendar,
 * compensatory days) plus per-year official overrides entered by an administrator.
 */

/** An official per-date override announced by the Government for a year. */
export interface CalendarOverride {
  date: LocalDate;
  /**
   * `day_off`: an extra day off (bridge, compensatory day, Tết closure day).
   * `working_day`: a day that is worked although the rules say it is off (a swapped Saturday).
   */
  kind: 'day_off' | 'working_day';
  /** Vietnamese label shown to users, e.g. "Nghỉ Tết Nguyên đán". */
  name: string;
  /** Legal reference, e.g. "Công văn 9859/VPCP-KGVX". */
  reference?: string | undefined;
}

/** One opening period of the office on a working day, e.g. 07:00–11:30. */
export interface OfficePeriod {
  start: LocalTime;
  end: LocalTime;
}

/** Office hours of a unit: ordered, non-overlapping periods applied to every working day. */
export interface OfficeHours {
  periods: readonly OfficePeriod[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  periods: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
};

/** Hours that make one working day when a limit in days is converted to hours (practice: 8). */
export const WORKING_HOURS_PER_DAY = 8;

/** Transfer cut-off of domain.md T5: received after this, the dossier is transferred next morning. */
export const DEFAULT_TRANSFER_CUTOFF: LocalTime = '15:00';

export interface WorkingCalendarConfig {
  /** Official overrides (any years). */
  overrides?: readonly CalendarOverride[];
  officeHours?: OfficeHours;
  /** Same-day and transfer cut-off, default 15:00. */
  cutoff?: LocalTime;
}

export type DayKind =
  | 'working' // an ordinary working day
  | 'swapped_working' // a weekend day made a working day by an override
  | 'weekend'
  | 'holiday' // a public holiday by rule (Labour Code 2019 Art. 112)
  | 'compensatory' // a day off in place of a holiday that fell on a weekend (Art. 111(3))
  | 'day_off'; // an official extra day off (override)

export interface DayInfo {
  date: LocalDate;
  kind: DayKind;
  isWorkingDay: boolean;
  /** Vietnamese name of the holiday or override, when there is one. */
  name?: string | undefined;
  reference?: string | undefined;
}

/** A rule-based public holiday for a given year. */
export interface PublicHoliday {
  date: LocalDate;
  name: string;
  kind: 'holiday' | 'compensatory';
}
