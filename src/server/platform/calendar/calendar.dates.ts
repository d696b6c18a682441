// Plain calendar-date arithmetic on 'YYYY-MM-DD' strings, done on an integer day count
// (days since 1970-01-01, proleptic Gregorian) so that no local time zone is ever involved.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Day number of a date, or null when the string is not a real 'YYYY-MM-DD' date (year 1000..9999). */
export function parseDay(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

export function isRealDate(s: unknown): s is string {
  return parseDay(s) !== null;
}

// Days-from-civil / civil-from-days: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDay(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function formatDay(day: number): string {
  const { y, m, d } = civilFromDay(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function yearOfDay(day: number): number {
  return civilFromDay(day).y;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekendDay(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The calendar date of an instant in Asia/Shanghai, 'YYYY-MM-DD'. */
export const shanghaiDate = (d: Date = new Date()) => new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
