import type { InstanceState, StateReason } from './alert-types.js';

/**
 * One alert instance as the engine stores it: the rule plus one row group. The firing state
 * itself is stored, not only `activeAt`, so a restart cannot send a firing alert back to pending
 * (prometheus#15175). Times are ms since the epoch.
 */
export interface AlertInstanceRecord {
  fingerprint: string;
  labels: Record<string, string>;
  /** `rule` for query results, `health` for the rule's own `RuleEvaluationFailing` alert. */
  kind: 'rule' | 'health';
  state: InstanceState;
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
  /** Last evaluation that found the condition true (drives `keepFiringFor`). */
  lastTrueAt?: number;
  /** Firing, condition false, inside `keepFiringFor` (Grafana's Recovering). */
  recovering: boolean;
  /** Evaluations in a row this group was absent from a non-empty result. */
  missingCount: number;
  value: number | null;
  reason: StateReason;
  /** A flush has dealt with this resolve (sent it, or no channel wanted it). */
  resolvedNotified: boolean;
  /** Escalation severity raised to critical. */
  escalated: boolean;
}
