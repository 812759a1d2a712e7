import { WORKING_HOURS_PER_DAY, type DayInfo } from '../calendar/calendar-types.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import {
  DAY_MS,
  MINUTE_MS,
  formatLocalDate,
  localDateAtMinutes,
  localMinutesOfDay,
  localTimeToMinutes,
  toLocalDate,
  type LocalDate,
} from '../time/local-time.ts';
import type {
  DeadlineResult,
  DeadlineRule,
  ExplanationItem,
  PauseMode,
  StartMovedReason,
} from './deadline-types.ts';

/**
 * The deadline engine (domain.md §3.2–3.4): pure functions of (start, rule, calendar).
 *
 * - Working days are converted to working minutes (1 day = 8 h, the practice of domain.md §3.2) and
 *   counted through the office hours, so the due time keeps the clock time of receipt.
 * - A start outside office hours counts from the next opening (before opening, lunch break, after
 *   closing, non-working day).
 * - Calendar days: counting start + amount × 24 h; a due date on a non-working day rolls forward
 *   to the next working day at the same clock time, clamped into office hours.
 * - Every result carries an explanation (items) and the calendar version used.
 */

const WORKING_MINUTES_PER_DAY = WORKING_HOURS_PER_DAY * 60;
const DURATION_UNITS: ReadonlySet<string> = new Set(['working-days', 'working-hours', 'calendar-days']);

/** The day after a (valid, internally produced) local date; cheaper than addLocalDays in loops. */
function dayAfter(date: LocalDate): LocalDate {
  const t = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1),
  );
  return formatLocalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function iso(instant: Date | number): string {
  return (typeof instant === 'number' ? new Date(instant) : instant).toISOString();
}

function assertValidRule(rule: DeadlineRule): void {
  if (!DURATION_UNITS.has(rule.unit)) throw new RangeError(`Unknown duration unit: ${String(rule.unit)}`);
  if (!Number.isFinite(rule.amount) || rule.amount < 0) {
    throw new RangeError(`A deadline amount must be a finite number >= 0, got ${rule.amount}`);
  }
}

/**
 * Working minutes of a rule's limit: working days × 8 h, working hours × 60. Null for calendar days
 * and for same-day rules (whose length is "the rest of the day").
 */
export function ruleToWorkingMinutes(rule: DeadlineRule): number | null {
  if (rule.isSameDay) return null;
  switch (rule.unit) {
    case 'working-days':
      return rule.amount * WORKING_MINUTES_PER_DAY;
    case 'working-hours':
      return rule.amount * 60;
    case 'calendar-days':
      return null;
  }
}

/**
 * Sum of the working minutes of internal process-step budgets, to check them against the legal
 * limit. Null as soon as one budget has no working-minute length (calendar days, same day).
 */
export function sumStepBudgets(rules: readonly DeadlineRule[]): number | null {
  let sum = 0;
  for (const rule of rules) {
    const minutes = ruleToWorkingMinutes(rule);
    if (minutes === null) return null;
    sum += minutes;
  }
  return sum;
}

/** Why an instant is not inside office hours, or undefined when the office is open. */
function closedReason(instant: Date, calendar: WorkingCalendar): StartMovedReason | undefined {
  if (calendar.isOpenAt(instant)) return undefined;
  const periods = calendar.openingPeriods(toLocalDate(instant));
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return 'non_working_day';
  const t = instant.getTime();
  if (t < first.start.getTime()) return 'before_opening';
  if (t >= last.end.getTime()) return 'after_closing';
  return 'lunch_break';
}

/**
 * The instant from which an online submission counts (domain.md §3.3 ex. 5): the submission time
 * if the office is open, else the next opening, with an explanation item saying why.
 */
export function normaliseSubmissionTime(
  instant: Date,
  calendar: WorkingCalendar,
): { at: Date; item?: ExplanationItem } {
  const reason = closedReason(instant, calendar);
  if (!reason) return { at: new Date(instant.getTime()) };
  const at = calendar.nextOpeningAt(instant);
  return { at, item: { type: 'start_moved', from: iso(instant), to: iso(at), reason } };
}

/**
 * Deadline of the transfer from the one-stop desk to the processing unit (T5): received on a working
 * day up to the cut-off (15:00) → by closing that day; otherwise by the end of the first opening
 * period of the next working day. The cut-off moves the transfer, not the legal clock.
 */
export function transferDueAt(receivedAt: Date, calendar: WorkingCalendar): Date {
  const day = toLocalDate(receivedAt);
  if (calendar.isWorkingDay(day) && localMinutesOfDay(receivedAt) <= localTimeToMinutes(calendar.cutoff)) {
    return calendar.closingAt(day);
  }
  const next = calendar.nextWorkingDay(day);
  const first = calendar.openingPeriods(next)[0];
  if (!first) throw new RangeError(`${next} has no opening period`);
  return first.end;
}

/**
 * Latest moment to send the apology letter (Mẫu 04), which must go out at least one working day
 * before the due date: the closing time of the working day before the due date's day.
 */
export function latestApologyAt(dueAt: Date, calendar: WorkingCalendar): Date {
  return calendar.closingAt(calendar.previousWorkingDay(toLocalDate(dueAt)));
}

/** Working minutes left until the due time; negative (working minutes overdue) once `now` is past it. */
export function remainingWorkingMinutes(now: Date, dueAt: Date, calendar: WorkingCalendar): number {
  if (now.getTime() <= dueAt.getTime()) return calendar.workingMinutesBetween(now, dueAt);
  return -calendar.workingMinutesBetween(dueAt, now);
}

/** Appends a non-working day to the explanation, grouping consecutive days of the same kind and name. */
function pushSkipped(items: ExplanationItem[], info: DayInfo): void {
  const previous = items[items.length - 1];
  if (
    previous?.type === 'skipped' &&
    previous.dayKind === info.kind &&
    previous.name === info.name &&
    dayAfter(previous.toDate) === info.date
  ) {
    previous.toDate = info.date;
    return;
  }
  items.push({
    type: 'skipped',
    fromDate: info.date,
    toDate: info.date,
    dayKind: info.kind,
    ...(info.name !== undefined ? { name: info.name } : {}),
  });
}

/** One 'counted' item per working day and grouped 'skipped' items for the days of [from, to]. */
function pushCountedDays(items: ExplanationItem[], from: Date, to: Date, calendar: WorkingCalendar): void {
  const lastDay = toLocalDate(to);
  const a = from.getTime();
  const b = to.getTime();
  for (let day = toLocalDate(from); day <= lastDay; day = dayAfter(day)) {
    const info = calendar.dayInfo(day);
    if (!info.isWorkingDay) {
      pushSkipped(items, info);
      continue;
    }
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    let counted = 0;
    for (const period of calendar.openingPeriods(day)) {
      const start = Math.max(a, period.start.getTime());
      const end = Math.min(b, period.end.getTime());
      if (end <= start) continue;
      counted += end - start;
      first = Math.min(first, start);
      last = Math.max(last, end);
    }
    if (counted > 0) {
      items.push({
        type: 'counted',
        date: day,
        from: iso(first),
        to: iso(last),
        minutes: counted / MINUTE_MS,
      });
    }
  }
}

/** Grouped 'skipped' items for the non-working days from `fromDay` up to (excluding) `toDay`. */
function pushSkippedDays(
  items: ExplanationItem[],
  fromDay: LocalDate,
  toDay: LocalDate,
  calendar: WorkingCalendar,
): void {
  for (let day = fromDay; day < toDay; day = dayAfter(day)) {
    const info = calendar.dayInfo(day);
    if (!info.isWorkingDay) pushSkipped(items, info);
  }
}

/** The instant on working day `date` at the clock time of `instant`, clamped into office hours (a gap moves to the next period's start). */
function clampIntoOfficeHours(date: LocalDate, instant: Date, calendar: WorkingCalendar): Date {
  const periods = calendar.openingPeriods(date);
  const last = periods[periods.length - 1];
  if (!last) throw new RangeError(`${date} is not a working day`);
  const target = localDateAtMinutes(date, localMinutesOfDay(instant)).getTime();
  for (const p of periods) {
    if (target < p.start.getTime()) return p.start;
    if (target <= p.end.getTime()) return new Date(target);
  }
  return last.end;
}

/** Rolls a calendar-day due date off a non-working day (domain.md §3.2 step 5). */
function rollForward(due: Date, calendar: WorkingCalendar, items: ExplanationItem[]): Date {
  const dueDay = toLocalDate(due);
  if (calendar.isWorkingDay(dueDay)) return due;
  const nextDay = calendar.nextWorkingDay(dueDay);
  const rolled = clampIntoOfficeHours(nextDay, due, calendar);
  pushSkippedDays(items, dueDay, nextDay, calendar);
  items.push({ type: 'rolled_forward', from: iso(due), to: iso(rolled), reason: 'non_working_day' });
  return rolled;
}

function moveToEndOfDay(due: Date, calendar: WorkingCalendar, items: ExplanationItem[]): Date {
  const closing = calendar.closingAt(toLocalDate(due));
  if (closing.getTime() === due.getTime()) return due;
  items.push({ type: 'end_of_day', from: iso(due), to: iso(closing) });
  return closing;
}

interface CountResult {
  startedAt: Date;
  dueAt: Date;
  totalWorkingMinutes: number | null;
}

/** Counts a rule from `start`, appending the explanation (without the 'start' and 'due' items). */
function countRule(
  start: Date,
  rule: DeadlineRule,
  calendar: WorkingCalendar,
  items: ExplanationItem[],
): CountResult {
  const normalised = normaliseSubmissionTime(start, calendar);
  if (normalised.item) items.push(normalised.item);
  let startedAt = normalised.at;

  if (rule.isSameDay) {
    let day = toLocalDate(startedAt);
    if (localMinutesOfDay(startedAt) > localTimeToMinutes(calendar.cutoff)) {
      day = calendar.nextWorkingDay(day);
      const opening = calendar.openingPeriods(day)[0]?.start;
      if (!opening) throw new RangeError(`${day} has no opening period`);
      items.push({ type: 'start_moved', from: iso(startedAt), to: iso(opening), reason: 'after_cutoff' });
      startedAt = opening;
    }
    const dueAt = calendar.closingAt(day);
    pushCountedDays(items, startedAt, dueAt, calendar);
    return { startedAt, dueAt, totalWorkingMinutes: calendar.workingMinutesBetween(startedAt, dueAt) };
  }

  if (rule.unit === 'calendar-days') {
    const raw = new Date(startedAt.getTime() + rule.amount * DAY_MS);
    let dueAt = rollForward(raw, calendar, items);
    if (rule.isDueAtEndOfDay) dueAt = moveToEndOfDay(dueAt, calendar, items);
    return { startedAt, dueAt, totalWorkingMinutes: null };
  }

  const minutes = ruleToWorkingMinutes(rule) ?? 0;
  let dueAt = calendar.addWorkingMinutes(startedAt, minutes);
  pushCountedDays(items, startedAt, dueAt, calendar);
  if (rule.isDueAtEndOfDay) dueAt = moveToEndOfDay(dueAt, calendar, items);
  return { startedAt, dueAt, totalWorkingMinutes: minutes };
}

/**
 * Computes the due instant of a rule from a start instant, with its explanation. The start is the
 * moment the clock starts (acceptance of a complete dossier); outside office hours it counts from
 * the next opening.
 */
export function computeDeadline(input: {
  start: Date;
  rule: DeadlineRule;
  calendar: WorkingCalendar;
}): DeadlineResult {
  const { start, rule, calendar } = input;
  assertValidRule(rule);
  const items: ExplanationItem[] = [{ type: 'start', at: iso(start) }];
  const counted = countRule(start, rule, calendar, items);
  items.push({ type: 'due', at: iso(counted.dueAt) });
  return {
    rule: { ...rule },
    startedAt: iso(counted.startedAt),
    dueAt: iso(counted.dueAt),
    totalWorkingMinutes: counted.totalWorkingMinutes,
    calendarVersion: calendar.version,
    items,
  };
}

/** The due time before any 'end_of_day' move, so that pauses shift the underlying due time. */
function underlyingDueAt(current: DeadlineResult): Date {
  const last = current.items[current.items.length - 1];
  const beforeDue = last?.type === 'due' ? current.items[current.items.length - 2] : last;
  if (current.rule.isDueAtEndOfDay && beforeDue?.type === 'end_of_day' && beforeDue.to === current.dueAt) {
    return new Date(beforeDue.from);
  }
  return new Date(current.dueAt);
}

/**
 * Resumes the clock after a pause (supplement request, or another legally excluded wait).
 * - `pause`: the due time moves later by the working minutes of [pausedAt, resumedAt) (for
 *   calendar-day rules: by the elapsed time, then rolled off a non-working day).
 * - `restart`: the full rule is counted again from `resumedAt`.
 * Earlier items are kept; the pause (and restart) items and a new 'due' item are appended.
 */
export function resumeAfterPause(input: {
  current: DeadlineResult;
  pausedAt: Date;
  resumedAt: Date;
  mode: PauseMode;
  reason: string;
  calendar: WorkingCalendar;
}): DeadlineResult {
  const { current, pausedAt, resumedAt, mode, reason, calendar } = input;
  if (resumedAt.getTime() < pausedAt.getTime()) {
    throw new RangeError(`A pause cannot end (${iso(resumedAt)}) before it starts (${iso(pausedAt)})`);
  }
  const workingMinutes = calendar.workingMinutesBetween(pausedAt, resumedAt);
  const items: ExplanationItem[] = [
    ...current.items,
    { type: 'paused', from: iso(pausedAt), to: iso(resumedAt), workingMinutes, reason, mode },
  ];

  if (mode === 'restart') {
    items.push({ type: 'restarted', at: iso(resumedAt), reason });
    const counted = countRule(resumedAt, current.rule, calendar, items);
    items.push({ type: 'due', at: iso(counted.dueAt) });
    return {
      rule: current.rule,
      startedAt: iso(counted.startedAt),
      dueAt: iso(counted.dueAt),
      totalWorkingMinutes: counted.totalWorkingMinutes,
      calendarVersion: calendar.version,
      items,
    };
  }

  const base = underlyingDueAt(current);
  let dueAt: Date;
  if (current.rule.unit === 'calendar-days' && !current.rule.isSameDay) {
    dueAt = rollForward(
      new Date(base.getTime() + (resumedAt.getTime() - pausedAt.getTime())),
      calendar,
      items,
    );
  } else {
    // With nothing to add, keep the due time even when it is a closing time (addWorkingMinutes
    // would move it to the next opening).
    dueAt = workingMinutes > 0 ? calendar.addWorkingMinutes(base, workingMinutes) : base;
  }
  if (current.rule.isDueAtEndOfDay || current.rule.isSameDay) dueAt = moveToEndOfDay(dueAt, calendar, items);
  items.push({ type: 'due', at: iso(dueAt) });
  return { ...current, dueAt: iso(dueAt), calendarVersion: calendar.version, items };
}

/**
 * Reschedules the due date (T10, with the apology letter Mẫu 04). The new due date must be later.
 * The limit (totalWorkingMinutes) is unchanged; the explanation records the extension.
 */
export function extendDeadline(input: {
  current: DeadlineResult;
  newDueAt: Date;
  reason: string;
}): DeadlineResult {
  const { current, newDueAt, reason } = input;
  if (!(newDueAt.getTime() > new Date(current.dueAt).getTime())) {
    throw new RangeError(`The new due date ${iso(newDueAt)} must be after the current one ${current.dueAt}`);
  }
  return {
    ...current,
    dueAt: iso(newDueAt),
    items: [
      ...current.items,
      { type: 'extended', from: current.dueAt, to: iso(newDueAt), reason },
      { type: 'due', at: iso(newDueAt) },
    ],
  };
}
