import type { SuppressionRule } from './alert-types.js';
import { matchesLabels, parseLabelMatchers } from './label-matchers.js';

const CLOCK_RANGE = /^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** True for a daily range such as `'22:00-07:00'` (crossing midnight) or `'09:00-17:30'`. */
export function isClockRange(value: unknown): value is string {
  return typeof value === 'string' && CLOCK_RANGE.test(value);
}

/**
 * True when `labels` are muted at `nowMs` by one of the enabled suppressions. The wall-clock time
 * is read in the window's IANA zone, so the window follows DST changes (22:00 stays 22:00 local).
 */
export function isSuppressed(
  suppressions: readonly SuppressionRule[] | undefined,
  labels: Record<string, string>,
  nowMs: number,
): boolean {
  return (suppressions ?? []).some(
    (s) =>
      s.enabled &&
      isInClockRange(s.timeWindow, s.timeZone ?? 'UTC', nowMs) &&
      matchesLabels(parseLabelMatchers(s.condition), labels),
  );
}

/** Minutes since local midnight in `timeZone`, inside `[start, end)`; a range may cross midnight. */
export function isInClockRange(range: string, timeZone: string, nowMs: number): boolean {
  const match = CLOCK_RANGE.exec(range);
  if (!match) return false;
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  const minute = localMinuteOfDay(timeZone, nowMs);
  // Two ranges across midnight: [start, 24:00) and [00:00, end).
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function localMinuteOfDay(timeZone: string, nowMs: number): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(nowMs));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value);
  return hour * 60 + minute;
}
