import { DAY_MS, formatLocalDate, parseLocalDate, type LocalDate } from '../time/local-time.ts';

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed from astronomy at UTC+7.
 *
 * Rules of the Vietnamese calendar (as set out by Hồ Ngọc Đức, "Thuật toán tính âm lịch"):
 * 1. A month starts on the civil day (UTC+7) that contains the new moon (điểm Sóc).
 * 2. The winter solstice always falls in month 11.
 * 3. A year counted from month 11 to the next month 11 (a "suì") has 12 or 13 months. When it has
 *    13, the first month after the solstice that contains no major solar term (trung khí, a
 *    multiple of 30° of the Sun's apparent longitude) is the leap month and repeats the number of
 *    the month before it.
 * 4. Everything is reckoned on the meridian 105° E (UTC+7), which is why Tết sometimes differs
 *    from the Chinese New Year (UTC+8): 1985, 2007, 2030, 2053.
 *
 * Astronomy, after Jean Meeus, "Astronomical Algorithms" (2nd ed., 1998):
 * - instants of new moon: chapter 49 (periodic terms and the 14 planetary corrections), in
 *   Terrestrial Time, converted to UT with the ΔT polynomials of Espenak & Meeus (NASA, 2006);
 * - apparent longitude of the Sun: chapter 25, low-accuracy method (about 0.01°, i.e. a quarter
 *   of an hour in time), corrected for nutation and aberration.
 *
 * Supported range: Gregorian years 1901–2199. Years are cached, so a conversion costs a lookup.
 */

export interface LunarDate {
  /** Lunar year number, named after the Gregorian year in which its month 1 begins (Tết 2026 → 2026). */
  year: number;
  /** 1..12 */
  month: number;
  /** 1..30 */
  day: number;
  /** True in the intercalary month (tháng nhuận), which repeats the number of the month before it. */
  isLeapMonth: boolean;
}

export const LUNAR_MIN_YEAR = 1901;
export const LUNAR_MAX_YEAR = 2199;

const TIME_ZONE_HOURS = 7;
const RAD = Math.PI / 180;
const SYNODIC_MONTH = 29.530588861;
/** Julian day number of 1970-01-01. */
const JDN_UNIX_EPOCH = 2440588;

// ---------------------------------------------------------------------------------------------
// Day numbers

function julianDayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS) + JDN_UNIX_EPOCH;
}

function localDateFromJulianDayNumber(jdn: number): LocalDate {
  const t = new Date((jdn - JDN_UNIX_EPOCH) * DAY_MS);
  return formatLocalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

// ---------------------------------------------------------------------------------------------
// Astronomy

/** ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus polynomial expressions). */
function deltaTSeconds(year: number): number {
  if (year >= 2050 && year < 2150) {
    const u = (year - 1820) / 100;
    return -20 + 32 * u * u - 0.5628 * (2150 - year);
  }
  if (year >= 2005 && year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  if (year >= 1986 && year < 2005) {
    const t = year - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (year >= 1961 && year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year >= 1941 && year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year >= 1920 && year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year >= 1900 && year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u;
}

function sinDeg(degrees: number): number {
  return Math.sin(degrees * RAD);
}

/**
 * Julian Ephemeris Day (TT) of the mean-corrected true new moon number `k`
 * (k = 0 is the new moon of 2000-01-06), Meeus chapter 49.
 */
function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3; // Sun's mean anomaly
  const mp = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4; // Moon's
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4; // latitude arg.
  const omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3; // ascending node

  const periodic =
    -0.4072 * sinDeg(mp) +
    0.17241 * e * sinDeg(m) +
    0.01608 * sinDeg(2 * mp) +
    0.01039 * sinDeg(2 * f) +
    0.00739 * e * sinDeg(mp - m) -
    0.00514 * e * sinDeg(mp + m) +
    0.00208 * e * e * sinDeg(2 * m) -
    0.00111 * sinDeg(mp - 2 * f) -
    0.00057 * sinDeg(mp + 2 * f) +
    0.00056 * e * sinDeg(2 * mp + m) -
    0.00042 * sinDeg(3 * mp) +
    0.00042 * e * sinDeg(m + 2 * f) +
    0.00038 * e * sinDeg(m - 2 * f) -
    0.00024 * e * sinDeg(2 * mp - m) -
    0.00017 * sinDeg(omega) -
    0.00007 * sinDeg(mp + 2 * m) +
    0.00004 * sinDeg(2 * mp - 2 * f) +
    0.00004 * sinDeg(3 * m) +
    0.00003 * sinDeg(mp + m - 2 * f) +
    0.00003 * sinDeg(2 * mp + 2 * f) -
    0.00003 * sinDeg(mp + m + 2 * f) +
    0.00003 * sinDeg(mp - m + 2 * f) -
    0.00002 * sinDeg(mp - m - 2 * f) -
    0.00002 * sinDeg(3 * mp + m) +
    0.00002 * sinDeg(4 * mp);

  const planetary =
    0.000325 * sinDeg(299.77 + 0.107408 * k - 0.009173 * t2) +
    0.000165 * sinDeg(251.88 + 0.016321 * k) +
    0.000164 * sinDeg(251.83 + 26.651886 * k) +
    0.000126 * sinDeg(349.42 + 36.412478 * k) +
    0.00011 * sinDeg(84.66 + 18.206239 * k) +
    0.000062 * sinDeg(141.74 + 53.303771 * k) +
    0.00006 * sinDeg(207.14 + 2.453732 * k) +
    0.000056 * sinDeg(154.84 + 7.30686 * k) +
    0.000047 * sinDeg(34.52 + 27.261239 * k) +
    0.000042 * sinDeg(207.19 + 0.121824 * k) +
    0.00004 * sinDeg(291.34 + 1.844379 * k) +
    0.000037 * sinDeg(161.72 + 24.198154 * k) +
    0.000035 * sinDeg(239.56 + 25.513099 * k) +
    0.000023 * sinDeg(331.55 + 3.592518 * k);

  return jde + periodic + planetary;
}

function decimalYearOfJd(jd: number): number {
  return 2000 + (jd - 2451545) / 365.25;
}

/** Apparent geocentric longitude of the Sun in degrees [0, 360) at a Julian Day in UT (Meeus ch. 25). */
function apparentSunLongitude(jdUt: number): number {
  const jde = jdUt + deltaTSeconds(decimalYearOfJd(jdUt)) / 86400;
  const t = (jde - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * sinDeg(m) +
    (0.019993 - 0.000101 * t) * sinDeg(2 * m) +
    0.000289 * sinDeg(3 * m);
  const omega = 125.04 - 1934.136 * t;
  const lambda = l0 + c - 0.00569 - 0.00478 * sinDeg(omega);
  return ((lambda % 360) + 360) % 360;
}

const newMoonDayCache = new Map<number, number>();

/** Julian day number of the Vietnamese civil day (UTC+7) that contains new moon `k`. */
function newMoonDay(k: number): number {
  const cached = newMoonDayCache.get(k);
  if (cached !== undefined) return cached;
  const jde = newMoonJde(k);
  const jdUt = jde - deltaTSeconds(decimalYearOfJd(jde)) / 86400;
  const day = Math.floor(jdUt + 0.5 + TIME_ZONE_HOURS / 24);
  newMoonDayCache.set(k, day);
  return day;
}

/** 30° sector (0..11) of the Sun's apparent longitude at 00:00 (UTC+7) of day `jdn`; 9 starts at the winter solstice. */
function sunSectorAtStartOfDay(jdn: number): number {
  const jdUt = jdn - 0.5 - TIME_ZONE_HOURS / 24;
  return Math.floor(apparentSunLongitude(jdUt) / 30);
}

const WINTER_SOLSTICE_SECTOR = 9;

/** Lunation number `k` of month 11 of Gregorian year `year`: the month containing the December solstice. */
function month11Lunation(year: number): number {
  let k = Math.floor((julianDayNumber(year, 12, 1) - 2451550.1) / SYNODIC_MONTH);
  for (let attempt = 0; attempt < 6; attempt++) {
    const startsBefore = sunSectorAtStartOfDay(newMoonDay(k)) < WINTER_SOLSTICE_SECTOR;
    const nextStartsAfter = sunSectorAtStartOfDay(newMoonDay(k + 1)) >= WINTER_SOLSTICE_SECTOR;
    if (startsBefore && nextStartsAfter) return k;
    k += startsBefore ? 1 : -1;
  }
  throw new Error(`Cannot locate lunar month 11 of ${year}`);
}

// ---------------------------------------------------------------------------------------------
// Month tables

interface LunarMonthEntry {
  /** Julian day number of day 1. */
  start: number;
  month: number;
  isLeap: boolean;
  year: number;
}

/** The months from month 11 of Gregorian year `y − 1` (inclusive) to month 11 of `y` (exclusive). */
interface SolsticeYear {
  months: LunarMonthEntry[];
  /** Julian day number of the first day of the next month 11. */
  end: number;
}

const solsticeYearCache = new Map<number, SolsticeYear>();

function solsticeYear(year: number): SolsticeYear {
  const cached = solsticeYearCache.get(year);
  if (cached) return cached;
  const kFirst = month11Lunation(year - 1);
  const kNext = month11Lunation(year);
  const count = kNext - kFirst;
  if (count !== 12 && count !== 13)
    throw new Error(`Unexpected ${count} lunar months before the solstice of ${year}`);
  let leapIndex = -1;
  if (count === 13) {
    // The first month after month 11 whose start and end lie in the same 30° sector has no major term.
    let sector = sunSectorAtStartOfDay(newMoonDay(kFirst + 1));
    for (let i = 1; i < 13; i++) {
      const nextSector = sunSectorAtStartOfDay(newMoonDay(kFirst + i + 1));
      if (nextSector === sector) {
        leapIndex = i;
        break;
      }
      sector = nextSector;
    }
    if (leapIndex < 0) throw new Error(`No month without a major solar term in the leap year ending ${year}`);
  }
  const months: LunarMonthEntry[] = [];
  for (let i = 0; i < count; i++) {
    const ordinal = leapIndex >= 0 && i >= leapIndex ? i - 1 : i; // 0 = month 11, 1 = month 12, 2 = month 1, …
    months.push({
      start: newMoonDay(kFirst + i),
      month: ((10 + ordinal) % 12) + 1,
      isLeap: i === leapIndex,
      year: ordinal < 2 ? year - 1 : year,
    });
  }
  const entry: SolsticeYear = { months, end: newMoonDay(kNext) };
  solsticeYearCache.set(year, entry);
  return entry;
}

function assertYearInRange(year: number, what: string): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(
      `${what} ${year} is outside the supported range ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

/** The Vietnamese lunar date of a Gregorian (solar) date. */
export function solarToLunar(date: LocalDate): LunarDate {
  const { year, month, day } = parseLocalDate(date);
  assertYearInRange(year, 'Year');
  const jdn = julianDayNumber(year, month, day);
  let table = solsticeYear(year);
  if (jdn >= table.end) table = solsticeYear(year + 1);
  const months = table.months;
  let index = months.length - 1;
  while (index > 0 && (months[index]?.start ?? Number.POSITIVE_INFINITY) > jdn) index--;
  const entry = months[index];
  if (!entry || entry.start > jdn) throw new Error(`No lunar month found for ${date}`);
  return { year: entry.year, month: entry.month, day: jdn - entry.start + 1, isLeapMonth: entry.isLeap };
}

/**
 * The Gregorian date of a Vietnamese lunar date. Throws RangeError when the date does not exist
 * (a leap month the year does not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate): LocalDate {
  const { year, month, day, isLeapMonth } = lunar;
  assertYearInRange(year, 'Lunar year');
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`Invalid lunar month: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`Invalid lunar day: ${day}`);
  const table = solsticeYear(month >= 11 ? year + 1 : year);
  const index = table.months.findIndex(
    (e) => e.year === year && e.month === month && e.isLeap === isLeapMonth,
  );
  const entry = table.months[index];
  if (!entry) {
    throw new RangeError(`Lunar year ${year} has no ${isLeapMonth ? 'leap ' : ''}month ${month}`);
  }
  const nextStart = table.months[index + 1]?.start ?? table.end;
  const length = nextStart - entry.start;
  if (day > length) {
    throw new RangeError(
      `Lunar month ${month}${isLeapMonth ? ' (leap)' : ''} of ${year} has only ${length} days`,
    );
  }
  return localDateFromJulianDayNumber(entry.start + day - 1);
}

/** Mùng 1 Tết (day 1 of month 1) of lunar year `year`. */
export function lunarNewYear(year: number): LocalDate {
  return lunarToSolar({ year, month: 1, day: 1, isLeapMonth: false });
}

/** The leap month (tháng nhuận) of lunar year `year`, or null when the year has 12 months. */
export function leapMonthOf(year: number): number | null {
  assertYearInRange(year, 'Lunar year');
  for (const table of [solsticeYear(year), solsticeYear(year + 1)]) {
    const leap = table.months.find((e) => e.year === year && e.isLeap);
    if (leap) return leap.month;
  }
  return null;
}
