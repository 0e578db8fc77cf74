import type { AlertInstanceRecord } from './alert-instance-record.js';

/**
 * The escalation chain of one alert group (`alerting-anchors.md` §7.2): it starts at the first
 * firing notification, a silence pauses it, an acknowledgement or a resolve cancels it.
 */
export interface EscalationState {
  startedAt: number;
  /** Time spent silenced so far (pushes every step back). */
  pausedMs: number;
  /** Set while every firing alert of the group is silenced. */
  pausedAt?: number;
  /** Ids of the steps already sent. */
  stepsSent: string[];
  cancelledAt?: number;
}

/** An aggregation group (Alertmanager's): the alerts of one rule notified together. */
export interface AlertGroupRecord {
  key: string;
  createdAt: number;
  /** First flush at `createdAt + groupWait`, then every `groupInterval`. */
  nextFlushAt: number;
  /** Flushes so far; part of each delivery's idempotency key. */
  flushSeq: number;
  escalation?: EscalationState;
}

/** Alertmanager's notification log: what a channel was last told about a group. */
export interface NotificationLogEntry {
  groupKey: string;
  channelKey: string;
  firing: string[];
  resolved: string[];
  sentAt: number;
}

/** Health of a rule's queries. */
export interface RuleHealth {
  status: 'unknown' | 'ok' | 'error';
  consecutiveErrors: number;
  lastError?: string;
  lastEvaluatedAt?: number;
  /** Slots skipped because an evaluation ran late or long (never replayed). */
  missedSlots: number;
  evaluations: number;
}

/** Everything the engine keeps about one rule, written in one fenced transaction per run. */
export interface RuleState {
  instances: AlertInstanceRecord[];
  groups: AlertGroupRecord[];
  notificationLog: NotificationLogEntry[];
  health: RuleHealth;
  /** The next evaluation slot. */
  nextSlotAt: number;
  /** The last slot evaluated. */
  lastSlotAt?: number;
}

export function emptyRuleState(nextSlotAt: number): RuleState {
  return {
    instances: [],
    groups: [],
    notificationLog: [],
    health: { status: 'unknown', consecutiveErrors: 0, missedSlots: 0, evaluations: 0 },
    nextSlotAt,
  };
}
