import type { LabelMatcher } from './label-matchers.js';
import { type Silence, silenceState } from './silence.js';

export interface SilenceChanges {
  matchers?: LabelMatcher[];
  startsAt?: number;
  endsAt?: number;
  comment?: string;
}

/**
 * Alertmanager's silence update rules (`silence.go: canUpdate`): expired silences are immutable;
 * an active one may only move `endsAt`, not into the past; a pending one may not start in the
 * past; changing matchers (or anything else an active silence cannot change) expires the old
 * silence and creates a new one. Returns the silences to write, the surviving one last.
 */
export function updateSilence(
  old: Silence,
  changes: SilenceChanges,
  nowMs: number,
  newId: () => string,
): Silence[] {
  const state = silenceState(old, nowMs);
  if (state === 'expired') throw new RangeError(`silence ${old.id} has expired and cannot be changed`);
  const next: Silence = {
    ...old,
    matchers: changes.matchers ?? old.matchers,
    startsAt: changes.startsAt ?? old.startsAt,
    endsAt: changes.endsAt ?? old.endsAt,
    comment: changes.comment ?? old.comment,
    updatedAt: nowMs,
  };
  if (next.endsAt <= next.startsAt) throw new RangeError('silence: endsAt must be after startsAt');
  const matchersChanged = JSON.stringify(next.matchers) !== JSON.stringify(old.matchers);
  const inPlace =
    !matchersChanged &&
    (state === 'pending' ? next.startsAt >= nowMs : next.startsAt === old.startsAt && next.endsAt >= nowMs);
  if (inPlace) return [next];
  if (state === 'pending' && !matchersChanged)
    throw new RangeError('silence: a pending silence cannot start in the past');
  if (state === 'active' && !matchersChanged && next.endsAt < nowMs)
    throw new RangeError('silence: endsAt cannot move into the past');
  const replacement: Silence = { ...next, id: newId(), startsAt: Math.max(next.startsAt, nowMs) };
  // The old one ends now (a pending one is expired by ending it at its start).
  const expired: Silence = { ...old, endsAt: state === 'pending' ? old.startsAt : nowMs, updatedAt: nowMs };
  return [expired, replacement];
}
