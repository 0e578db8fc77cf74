/*
 * Calendar arithmetic in the proleptic Gregorian calendar, UTC only. `Date` is not used: it reads
 * some strings in the host's time zone, rolls 2024-02-30 over into March, and maps years 0–99 to
 * 1900–1999 in `Date.UTC`.
 */

export const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to the given date (negative before it), for any year. Howard Hinnant's
 * `days_from_civil` (https://howardhinnant.github.io/date_algorithms.html).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Why year-month-day is not a calendar date, or `undefined` when it is one. */
export function invalidDateReason(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last)
    return `day ${day} does not exist in month ${month} of ${year} (it has ${last} days)`;
  return undefined;
}

/** Why a time of day is out of range (23:59:59 at most), or `undefined` when it is fine. */
export function invalidTimeReason(hour: number, minute: number, second: number): string | undefined {
  if (hour > 23) return `hour ${hour} is out of range (00–23)`;
  if (minute > 59) return `minute ${minute} is out of range (00–59)`;
  if (second > 59) return `second ${second} is out of range (00–59)`;
  return undefined;
}
