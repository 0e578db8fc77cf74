import { toMicroseconds } from '@shoptel/core';

const NUMERIC = /^-?\d+(\.\d+)?$/;
const NAIVE_SPACE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const NAIVE_T = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const RFC_2822 =
  /^\s*(?:(mon|tue|wed|thu|fri|sat|sun)\s*,\s*)?(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+(\d{2,4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|ut|gmt|[ecmp][sd]t|[a-ik-z])\s*$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
// RFC 2822 §4.3 obsolete zones; military letters mean "unknown", read as UTC (like chrono).
const ZONE_HOURS: Record<string, number> = {
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};

/**
 * `_timestamp` strings as OpenObserve reads them (`parse_str_to_time` in
 * `src/config/src/utils/time.rs`), in µs, or undefined ("Can't parse timestamp"): numeric
 * strings like numbers (unit by size); `YYYY-MM-DD HH:MM:SS` and `YYYY-MM-DDTHH:MM:SS[.f]` as
 * UTC; other strings with a `T` (and no space) as RFC 3339; anything else as RFC 2822
 * (`Mon, 25 Nov 2024 16:00:00 GMT`). Date-only or US formats fail, unlike `Date.parse` (which
 * the client-side `parseTimestampString` of @shoptel/core uses on purpose).
 */
export function parseTimestampStrictly(text: string): number | undefined {
  if (NUMERIC.test(text)) return toMicroseconds(Number(text));
  let match = NAIVE_SPACE.exec(text);
  if (match) return utcMicros(match, undefined, 0);
  if (text.includes('T') && !text.includes(' ')) {
    match = NAIVE_T.exec(text);
    if (match) return utcMicros(match, match[7], 0);
    match = RFC_3339.exec(text);
    if (!match) return undefined;
    const offset = match[8] ? 0 : (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11]));
    if (!match[8] && (Number(match[10]) > 23 || Number(match[11]) > 59)) return undefined;
    return utcMicros(match, match[7], offset);
  }
  return parseRfc2822(text);
}

function parseRfc2822(text: string): number | undefined {
  const match = RFC_2822.exec(text);
  if (!match) return undefined;
  const [, weekday, day, monthName, yearText, hour, minute, second, zone] = match;
  let year = Number(yearText);
  if (yearText!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText!.length === 3) year += 1900;
  const month = MONTHS.indexOf(monthName!.toLowerCase()) + 1;
  const z = zone!.toLowerCase();
  let offset = 0;
  if (z[0] === '+' || z[0] === '-') {
    const hours = Number(z.slice(1, 3));
    const minutes = Number(z.slice(3, 5));
    if (hours > 23 || minutes > 59) return undefined;
    offset = (z[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  } else offset = (ZONE_HOURS[z] ?? 0) * 60;
  const us = fieldsToMicros(
    year,
    month,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? 0),
    undefined,
    offset,
  );
  if (us === undefined || weekday === undefined) return us;
  // chrono refuses a weekday that does not match the date.
  const local = new Date(Date.UTC(year, month - 1, Number(day)));
  return WEEKDAYS[local.getUTCDay()] === weekday.toLowerCase() ? us : undefined;
}

function utcMicros(
  match: RegExpExecArray,
  fraction: string | undefined,
  offsetMinutes: number,
): number | undefined {
  const n = (i: number) => Number(match[i]);
  return fieldsToMicros(n(1), n(2), n(3), n(4), n(5), n(6), fraction, offsetMinutes);
}

function fieldsToMicros(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  offsetMinutes: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1) return undefined; // 31 April, 29 February of 2023…
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const micros = fraction ? Number(fraction.padEnd(6, '0').slice(0, 6)) : 0;
  return ms * 1000 + micros;
}
