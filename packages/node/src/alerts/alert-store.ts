import type { AlertRule } from './alert-types.js';
import type { AttemptOutcome, ClaimedDelivery, DeliveryRecord } from './delivery-record.js';
import type { RuleState } from './rule-state.js';
import type { Silence } from './silence.js';

/** A lease on one rule's work; `epoch` is the fencing counter every write must carry. */
export interface RuleLease {
  ruleId: string;
  epoch: number;
}

/** An acknowledgement of one alert instance (`ruleId:fingerprint`). */
export interface Acknowledgement {
  alertId: string;
  ruleId: string;
  acknowledgedAt: number;
  acknowledgedBy: string;
}

/**
 * Where the engine keeps everything (`alerting-anchors.md` §7.4). Several engines may share one
 * store: a rule's work and a delivery's attempts are leased, and each lease bumps an epoch that
 * the matching write must still carry, so a paused engine's late write is refused.
 */
export interface AlertStore {
  saveRule(rule: AlertRule, nextDueAt: number): Promise<void>;
  deleteRule(ruleId: string): Promise<void>;
  loadRules(): Promise<AlertRule[]>;

  /** Leases rules due at `nowMs` (no live lease held by anyone), bumping each one's epoch. */
  claimDueRules(owner: string, nowMs: number, leaseMs: number, limit: number): Promise<RuleLease[]>;
  /** Leases one rule whatever its due time, or `undefined` while another lease is live. */
  claimRule(ruleId: string, owner: string, nowMs: number, leaseMs: number): Promise<RuleLease | undefined>;
  loadRuleState(ruleId: string): Promise<RuleState | undefined>;
  /**
   * Writes the rule's state, its next due time and new outbox rows in one transaction, and ends
   * the lease. Returns false, writing nothing, when `lease.epoch` is no longer the rule's epoch.
   * Outbox rows whose key already exists are kept as they are.
   */
  commitRuleState(
    lease: RuleLease,
    state: RuleState,
    nextDueAt: number,
    deliveries: DeliveryRecord[],
  ): Promise<boolean>;
  /** Ends a lease without writing (an evaluation that failed before deciding anything). */
  releaseRule(lease: RuleLease): Promise<void>;
  /** States of every rule (for `getActiveAlerts`). */
  loadAllRuleStates(): Promise<Map<string, RuleState>>;

  saveSilence(silence: Silence): Promise<void>;
  loadSilences(): Promise<Silence[]>;
  saveAcknowledgement(ack: Acknowledgement): Promise<void>;
  loadAcknowledgements(ruleId: string): Promise<Acknowledgement[]>;

  /** Leases pending deliveries whose next attempt is due. */
  claimDueDeliveries(
    owner: string,
    nowMs: number,
    leaseMs: number,
    limit: number,
  ): Promise<ClaimedDelivery[]>;
  /** The fence before sending: counts the attempt, or returns false if the lease was lost. */
  beginAttempt(claim: ClaimedDelivery): Promise<boolean>;
  /** Records an attempt's outcome and ends the lease; false if the lease was lost. */
  finishAttempt(claim: ClaimedDelivery, outcome: AttemptOutcome): Promise<boolean>;
  /** The outbox, oldest first; only one rule's rows when `ruleId` is given. */
  listDeliveries(ruleId?: string): Promise<DeliveryRecord[]>;

  /** Forgets sent or failed deliveries created, and silences ended, before `beforeMs`. */
  prune(beforeMs: number): Promise<void>;

  /** Earliest time any rule or delivery is due, for the engine's next wake-up. */
  nextDueAt(): Promise<number | undefined>;
  close(): Promise<void>;
}
