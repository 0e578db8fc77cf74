import type { LabelMatcher } from './label-matchers.js';

/** A one-off matcher silence (Alertmanager's). Times are ms since the epoch. */
export interface Silence {
  id: string;
  matchers: LabelMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  updatedAt: number;
}

export type SilenceState = 'pending' | 'active' | 'expired';

/** A silence's state at `nowMs`, computed, never stored. */
export function silenceState(silence: Silence, nowMs: number): SilenceState {
  if (nowMs < silence.startsAt) return 'pending';
  return nowMs < silence.endsAt ? 'active' : 'expired';
}
