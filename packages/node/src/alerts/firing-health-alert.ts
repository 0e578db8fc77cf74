import type { AlertInstanceRecord } from './alert-instance-record.js';

/**
 * A rule-health meta-alert (evaluation or delivery failing), firing from `atMs`: it skips
 * `pending`, since the failures that raise it were already counted.
 */
export function firingHealthAlert(
  fingerprint: string,
  labels: AlertInstanceRecord['labels'],
  atMs: number,
): AlertInstanceRecord {
  return {
    fingerprint,
    labels,
    kind: 'health',
    state: 'firing',
    activeAt: atMs,
    firedAt: atMs,
    recovering: false,
    missingCount: 0,
    value: null,
    reason: 'error',
    resolvedNotified: false,
    escalated: false,
  };
}
