import { pinoLevelToLogLevel } from './pino-level.js';

/**
 * Turns one parsed pino line into its `application_logs` record, in place (the parsed object is
 * not used again, and copying every field would double the worker's work): `level` → level text
 * with the number kept as `pino_level`, the message key → `message`, `time` → `_timestamp` (core
 * writes it, clamped to OpenObserve's window, and keeps the true time as `event_time`). Bindings
 * (`pid`, `hostname`, child bindings), `trace_id`/`span_id` from a mixin and `err` stay as they
 * are; core flattens and masks them.
 */
export function toPinoRecord(line: Record<string, unknown>, messageKey: string): Record<string, unknown> {
  const level = line.level;
  if (typeof level === 'number') {
    line.pino_level = level;
    line.level = pinoLevelToLogLevel(level);
  }
  if (messageKey !== 'message' && Object.hasOwn(line, messageKey)) {
    line.message = line[messageKey];
    delete line[messageKey];
  }
  if (Object.hasOwn(line, 'time')) {
    line._timestamp = line.time;
    delete line.time;
  }
  return line;
}
