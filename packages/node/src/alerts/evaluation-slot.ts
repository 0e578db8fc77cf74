import { createHash } from 'node:crypto';

/**
 * A rule's slot offset: `hash(ruleId) % interval`, so rules sharing an interval do not all query
 * OpenObserve in the same second (Prometheus `EvalTimestamp`).
 */
export function slotOffsetMs(ruleId: string, intervalMs: number): number {
  const hash = createHash('sha256').update(ruleId).digest().readUInt32BE(0);
  return hash % intervalMs;
}

/** The latest slot at or before `nowMs`: `floor((now − off) / iv) · iv + off`. */
export function slotAtOrBefore(nowMs: number, intervalMs: number, offsetMs: number): number {
  return Math.floor((nowMs - offsetMs) / intervalMs) * intervalMs + offsetMs;
}

/** The first slot strictly after `afterMs`. */
export function slotAfter(afterMs: number, intervalMs: number, offsetMs: number): number {
  return slotAtOrBefore(afterMs, intervalMs, offsetMs) + intervalMs;
}
