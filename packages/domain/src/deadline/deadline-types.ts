import type { DayKind } from '../calendar/calendar-types.ts';
import type { LocalDate } from '../time/local-time.ts';

/**
 * Types of the deadline engine (domain.md §3, docs/adr/0003-time-and-calendar.md).
 *
 * Results are plain JSON (instants as ISO strings) so they can be stored with the dossier and shown
 * to the citizen; functions take `Date` inputs.
 */

export type DurationUnit = 'working-days' | 'working-hours' | 'calendar-days';

export interface DeadlineRule {
  /** >= 0; may be fractional for working days (0.5 day = 4 h). Ignored when `isSameDay`. */
  amount: number;
  unit: DurationUnit;
  /** "Trong ngày": due at closing the same working day, or the next working day if received after the cut-off (domain.md §3.3 ex. 4). */
  isSameDay?: boolean;
  /** Move the due time to the closing time of the due date. */
  isDueAtEndOfDay?: boolean;
}

/** Supplement handling (domain.md §3.4): `pause` shifts the due date by the paused time; `restart` counts the full limit again. */
export type PauseMode = 'pause' | 'restart';

export type StartMovedReason =
  'before_opening' | 'lunch_break' | 'after_closing' | 'non_working_day' | 'after_cutoff';

export type ExplanationItem =
  /** ISO instant requested as start. */
  | { type: 'start'; at: string }
  | { type: 'start_moved'; from: string; to: string; reason: StartMovedReason }
  /** One item per working day, from the first counted minute to the last. */
  | { type: 'counted'; date: LocalDate; from: string; to: string; minutes: number }
  /** Consecutive non-working days grouped by the same kind and name. */
  | { type: 'skipped'; fromDate: LocalDate; toDate: LocalDate; dayKind: DayKind; name?: string }
  | { type: 'paused'; from: string; to: string; workingMinutes: number; reason: string; mode: PauseMode }
  | { type: 'restarted'; at: string; reason: string }
  | { type: 'extended'; from: string; to: string; reason: string }
  | { type: 'rolled_forward'; from: string; to: string; reason: 'non_working_day' }
  | { type: 'end_of_day'; from: string; to: string }
  | { type: 'due'; at: string };

export interface DeadlineResult {
  rule: DeadlineRule;
  /** ISO, the normalised counting start. */
  startedAt: string;
  /** ISO. */
  dueAt: string;
  /** Working minutes of the limit; null for calendar days. */
  totalWorkingMinutes: number | null;
  calendarVersion: string;
  /** JSON-serialisable, stored in the database and shown to users. */
  items: ExplanationItem[];
}
