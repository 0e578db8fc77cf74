import type { NotificationReason } from './notification-message.js';
import type { NotificationLogEntry } from './rule-state.js';

export type NotificationDecision =
  | { send: true; reason: NotificationReason }
  | { send: false; clearLog: boolean };

/**
 * Alertmanager's dedup decision (`notify/dedup_stage.go: needsUpdate`) for one channel and group,
 * from what the channel was last told (`entry`) and what the group holds now.
 */
export function decideNotification(
  entry: NotificationLogEntry | undefined,
  firing: readonly string[],
  resolved: readonly string[],
  sendResolved: boolean,
  nowMs: number,
  repeatIntervalMs: number,
): NotificationDecision {
  if (entry === undefined)
    return firing.length > 0 ? { send: true, reason: 'first' } : { send: false, clearLog: false };
  const told = new Set(entry.firing);
  if (firing.some((fp) => !told.has(fp)))
    return { send: true, reason: entry.firing.length === 0 ? 'first' : 'new_alerts' };
  if (firing.length === 0 && entry.firing.length > 0) {
    // All resolved. Without send_resolved nothing goes out, but the log is cleared so the next
    // episode counts as a first notification again (alertmanager#1063).
    return sendResolved ? { send: true, reason: 'resolved' } : { send: false, clearLog: true };
  }
  if (sendResolved) {
    const toldResolved = new Set(entry.resolved);
    if (resolved.some((fp) => !toldResolved.has(fp))) return { send: true, reason: 'resolved' };
  }
  if (firing.length > 0 && nowMs - entry.sentAt >= repeatIntervalMs) return { send: true, reason: 'repeat' };
  return { send: false, clearLog: false };
}
