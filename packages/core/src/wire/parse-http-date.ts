import { daysFromCivil, invalidDateReason, MS_PER_DAY } from './civil-date.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Literals rather than built from parts, so a bundle that never reads HTTP dates drops them (the
// browser tag): esbuild cannot prove a `new RegExp` from a template free of side effects.
/** `Sun, 06 Nov 1994 08:49:37 GMT` — the form every sender must use. */
const IMF_FIXDATE =
  /^(?:mon|tue|wed|thu|fri|sat|sun), (\d{2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
/** `Sunday, 06-Nov-94 08:49:37 GMT` — obsolete, two-digit year. */
const RFC_850 =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday), (\d{2})-(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
/** `Sun Nov  6 08:49:37 1994` — obsolete, C's asctime(), in GMT. */
const ASCTIME =
  /^(?:mon|tue|wed|thu|fri|sat|sun) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) ( \d|\d{2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

/**
 * Reads an HTTP-date (RFC 9110 §5.6.7) as ms since the epoch, or `undefined` when `text` is not
 * one: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must still accept. All
 * three are GMT by definition; nothing is read in the host's time zone and no invalid date
 * (`31 Feb`) is rolled over, unlike `Date.parse`. A two-digit RFC 850 year that would lie more
 * than 50 years after `nowMs` means the latest past year with those digits, as §5.6.7 says.
 *
 * @example
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', Date.now()); // 784111777000
 * parseHttpDate('in 5 minutes', Date.now()); // undefined
 */
export function parseHttpDate(text: string, nowMs: number): number | undefined {
  const value = text.trim();
  let match = IMF_FIXDATE.exec(value);
  if (match) return toMs(Number(match[3]), match[2]!, Number(match[1]), match, 4);
  match = RFC_850.exec(value);
  if (match) return toMs(fullYear(Number(match[3]), nowMs), match[2]!, Number(match[1]), match, 4);
  match = ASCTIME.exec(value);
  if (match) return toMs(Number(match[6]), match[1]!, Number(match[2]!.trim()), match, 3);
  return undefined;
}

function toMs(year: number, monthName: string, day: number, match: RegExpExecArray, timeAt: number) {
  const month = MONTHS.indexOf(monthName.toLowerCase()) + 1;
  const [hour, minute, second] = [
    Number(match[timeAt]),
    Number(match[timeAt + 1]),
    Number(match[timeAt + 2]),
  ];
  // RFC 9110 allows second 60 (a leap second): it is the instant the next minute starts.
  if (invalidDateReason(year, month, day) !== undefined || hour > 23 || minute > 59 || second > 60)
    return undefined;
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

function fullYear(twoDigits: number, nowMs: number): number {
  const nowYear = new Date(nowMs).getUTCFullYear();
  let year = Math.floor(nowYear / 100) * 100 + twoDigits;
  // The latest year with these last two digits that is at most 50 years ahead.
  if (year > nowYear + 50) year -= 100;
  else if (year + 100 <= nowYear + 50) year += 100;
  return year;
}
