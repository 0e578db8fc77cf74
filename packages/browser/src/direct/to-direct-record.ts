/** OpenObserve refuses `_timestamp` older than this (`ZO_INGEST_ALLOWED_UPTO`, 5 h), less a margin. */
const MAX_PAST_MS = 5 * 3600_000 - 5 * 60_000;
/** As the relay: a client clock this far ahead is not believed. */
const MAX_AHEAD_MS = 60_000;

/**
 * Turns a queued relay line into the record OpenObserve stores: what the relay would add that a
 * browser can know — `_timestamp` (µs, from `event_time`, moved into the accepted window; the
 * true time stays in `event_time`), `service`, and the raw `user_agent` (unparsed).
 */
export function toDirectRecord(line: string, nowMs: number, service: string, userAgent: string): string {
  // Half an emoji (a name the shop cut, or a 512-character cut) becomes U+FFFD: JSON.stringify
  // writes it as `\ud83d`, an escape OpenObserve's reader refuses, and with it the whole batch.
  // (The relay does the same on the server; browsers without `toWellFormed` send it as it is.)
  const record = JSON.parse(line, (_key, value) => value?.toWellFormed?.() ?? value) as {
    event_time?: string;
  };
  let timeMs = Date.parse(record.event_time ?? '');
  if (!(timeMs <= nowMs + MAX_AHEAD_MS)) timeMs = nowMs;
  timeMs = Math.max(timeMs, nowMs - MAX_PAST_MS);
  return JSON.stringify({ _timestamp: timeMs * 1000, service, user_agent: userAgent, ...record });
}
