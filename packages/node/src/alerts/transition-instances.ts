import type { AlertInstanceRecord } from './alert-instance-record.js';
import type { StateReason } from './alert-types.js';

/** One row of a rule's result, already turned into labels and a condition. */
export interface EvaluatedSample {
  fingerprint: string;
  labels: Record<string, string>;
  value: number | null;
  conditionMet: boolean;
}

export interface TransitionSettings {
  forMs: number;
  keepFiringForMs: number;
  missingSeriesToResolve: number;
}

/**
 * The instance state machine of `alerting-anchors.md` §7.2 for one successful evaluation at slot
 * `t`. `samples` is what the query returned; `emptyResult` says the result had no usable row, in
 * which case absent instances resolve at once (reason `nodata`) rather than counting misses.
 * Pending instances are never notified, so dropping one needs no side effect. Pure: returns the
 * new list and never mutates its input.
 */
export function transitionInstances(
  previous: readonly AlertInstanceRecord[],
  samples: readonly EvaluatedSample[],
  emptyResult: boolean,
  t: number,
  settings: TransitionSettings,
): AlertInstanceRecord[] {
  const bySample = new Map(samples.map((s) => [s.fingerprint, s]));
  const next: AlertInstanceRecord[] = [];
  const seen = new Set<string>();

  for (const old of previous) {
    if (old.kind !== 'rule') {
      next.push(old);
      continue;
    }
    seen.add(old.fingerprint);
    const sample = bySample.get(old.fingerprint);
    if (sample?.conditionMet) {
      const updated = onTrue(old, sample, t, settings);
      if (updated) next.push(updated);
      continue;
    }
    if (old.state === 'resolved' || old.state === 'pending') {
      // Pending and never notified: delete. Resolved: keep until retention ends (engine prunes).
      if (old.state === 'resolved') next.push(old);
      continue;
    }
    // Firing and the condition is false, or the row is missing.
    const reason: StateReason = sample ? 'condition' : emptyResult ? 'nodata' : 'missing';
    const missingCount = sample || emptyResult ? 0 : old.missingCount + 1;
    const withValue = { ...old, value: sample ? sample.value : old.value, missingCount };
    if (!sample && !emptyResult && missingCount < settings.missingSeriesToResolve) {
      next.push(withValue);
      continue;
    }
    if (settings.keepFiringForMs > 0 && t - (old.lastTrueAt ?? t) < settings.keepFiringForMs) {
      next.push({ ...withValue, recovering: true });
      continue;
    }
    next.push({
      ...withValue,
      state: 'resolved',
      resolvedAt: t,
      recovering: false,
      reason,
      resolvedNotified: false,
    });
  }

  for (const sample of samples) {
    if (seen.has(sample.fingerprint) || !sample.conditionMet) continue;
    const fresh = onTrue(undefined, sample, t, settings);
    if (fresh) next.push(fresh);
  }
  return next;
}

function onTrue(
  old: AlertInstanceRecord | undefined,
  sample: EvaluatedSample,
  t: number,
  settings: TransitionSettings,
): AlertInstanceRecord | undefined {
  if (old === undefined || old.state === 'resolved') {
    // A new episode: a resolved instance that comes back starts pending again.
    const pending: AlertInstanceRecord = {
      fingerprint: sample.fingerprint,
      labels: sample.labels,
      kind: 'rule',
      state: 'pending',
      activeAt: t,
      lastTrueAt: t,
      recovering: false,
      missingCount: 0,
      value: sample.value,
      reason: 'condition',
      resolvedNotified: false,
      escalated: false,
    };
    return settings.forMs === 0 ? { ...pending, state: 'firing', firedAt: t } : pending;
  }
  const refreshed = {
    ...old,
    labels: sample.labels,
    value: sample.value,
    lastTrueAt: t,
    recovering: false,
    missingCount: 0,
    reason: 'condition' as const,
  };
  if (old.state === 'pending' && t - old.activeAt >= settings.forMs)
    return { ...refreshed, state: 'firing', firedAt: t };
  return refreshed;
}
