/**
 * Local civil time in Vietnam (Asia/Ho_Chi_Minh).
 *
 * Vietnam has used UTC+07:00 without daylight saving since 1975, so local time is a fixed offset
 * from UTC. Every dossier date in Motcua is after 1975, which lets the domain do calendar arithmetic
 * without a time-zone database (see docs/adr/0003-time-and-calendar.md).
 *
 * Instants are `Date` objects (UTC epoch milliseconds). Calendar days are `LocalDate` strings
 * `YYYY-MM-DD`; clock times are `LocalTime` strings `HH:MM`.
 */

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VN_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** A calendar day in Vietnam, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time, `HH:MM` (24 h). */
export type LocalTime = string;

export interface LocalDateTimeParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local (Vietnam) parts of an instant. */
export function toLocalParts(instant: Date): LocalDateTimeParts {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  const weekday = shifted.getUTCDay();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    isoWeekday: weekday === 0 ? 7 : weekday,
  };
}

/** The Vietnam calendar day an instant falls on. */
export function toLocalDate(instant: Date): LocalDate {
  const p = toLocalParts(instant);
  return formatLocalDate(p.year, p.month, p.day);
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

export function parseLocalDate(value: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE_RE.exec(value);
  if (!m || !isLocalDate(value)) throw new RangeError(`Invalid local date: ${value}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isLocalTime(value: string): boolean {
  return LOCAL_TIME_RE.test(value);
}

/** Minutes since local midnight for `HH:MM`. */
export function localTimeToMinutes(value: LocalTime): number {
  const m = LOCAL_TIME_RE.exec(value);
  if (!m) throw new RangeError(`Invalid local time: ${value}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function minutesToLocalTime(minutes: number): LocalTime {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The instant of a local date at a number of minutes after local midnight. */
export function localDateAtMinutes(date: LocalDate, minutesAfterMidnight: number): Date {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day) - OFFSET_MS + minutesAfterMidnight * MINUTE_MS);
}

/** The instant of a local date and wall-clock time in Vietnam. */
export function localDateTime(date: LocalDate, time: LocalTime = '00:00'): Date {
  return localDateAtMinutes(date, localTimeToMinutes(time));
}

/** Local midnight (start of day) of a local date. */
export function startOfLocalDay(date: LocalDate): Date {
  return localDateAtMinutes(date, 0);
}

/** Minutes after local midnight of an instant. */
export function localMinutesOfDay(instant: Date): number {
  const p = toLocalParts(instant);
  return p.hour * 60 + p.minute + p.second / 60;
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return formatLocalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  const w = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** Whole days from `a` to `b` (b − a). */
export function diffLocalDays(a: LocalDate, b: LocalDate): number {
  const pa = parseLocalDate(a);
  const pb = parseLocalDate(b);
  return Math.round(
    (Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / DAY_MS,
  );
}

/** `dd/mm/yyyy` as printed on Vietnamese forms. */
export function formatVnDate(instant: Date): string {
  const p = toLocalParts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** `HH giờ MM phút, ngày dd/mm/yyyy` style, here compact: `HH:MM dd/mm/yyyy`. */
export function formatVnDateTime(instant: Date): string {
  const p = toLocalParts(instant);
  return `${pad(p.hour)}:${pad(p.minute)} ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}
