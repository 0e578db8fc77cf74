import type { Acknowledgement, AlertStore, RuleLease } from './alert-store.js';
import type { ClaimedDelivery, DeliveryRecord } from './delivery-record.js';
import type { RuleState } from './rule-state.js';
import { deserializeAlertRule, serializeAlertRule } from './serialize-alert-rule.js';
import type { Silence } from './silence.js';

interface Schedule {
  nextDueAt: number;
  leaseOwner?: string;
  leaseUntil?: number;
  epoch: number;
  state?: RuleState;
}
interface DeliveryRow {
  record: DeliveryRecord;
  leaseUntil?: number;
  epoch: number;
}

/**
 * A store in memory: the same contract as the SQLite and PostgreSQL stores, for tests and for an
 * engine that may forget everything on exit. Values are copied in and out (as JSON), so callers
 * cannot change stored state behind the store's back.
 */
export function createMemoryAlertStore(): AlertStore {
  const rules = new Map<string, string>();
  const schedules = new Map<string, Schedule>();
  const silences = new Map<string, Silence>();
  const acks = new Map<string, Acknowledgement>();
  const deliveries = new Map<string, DeliveryRow>();
  const copy = <T>(value: T): T => structuredClone(value);
  const leaseLive = (until: number | undefined, now: number) => until !== undefined && until > now;

  const claim = (ruleId: string, schedule: Schedule, owner: string, now: number, leaseMs: number) => {
    schedule.leaseOwner = owner;
    schedule.leaseUntil = now + leaseMs;
    schedule.epoch += 1;
    return { ruleId, epoch: schedule.epoch };
  };

  return {
    async saveRule(rule, nextDueAt) {
      rules.set(rule.id, serializeAlertRule(rule));
      const schedule = schedules.get(rule.id);
      if (schedule) schedule.nextDueAt = Math.min(schedule.nextDueAt, nextDueAt);
      else schedules.set(rule.id, { nextDueAt, epoch: 0 });
    },
    async deleteRule(ruleId) {
      rules.delete(ruleId);
      schedules.delete(ruleId);
    },
    async loadRules() {
      return [...rules.values()].map(deserializeAlertRule);
    },
    async claimDueRules(owner, now, leaseMs, limit) {
      const leases: RuleLease[] = [];
      const due = [...schedules.entries()]
        .filter(([, s]) => s.nextDueAt <= now && !leaseLive(s.leaseUntil, now))
        .sort((a, b) => a[1].nextDueAt - b[1].nextDueAt);
      for (const [ruleId, schedule] of due.slice(0, limit))
        leases.push(claim(ruleId, schedule, owner, now, leaseMs));
      return leases;
    },
    async claimRule(ruleId, owner, now, leaseMs) {
      const schedule = schedules.get(ruleId);
      if (!schedule || leaseLive(schedule.leaseUntil, now)) return undefined;
      return claim(ruleId, schedule, owner, now, leaseMs);
    },
    async loadRuleState(ruleId) {
      const state = schedules.get(ruleId)?.state;
      return state ? copy(state) : undefined;
    },
    async commitRuleState(lease, state, nextDueAt, rows) {
      const schedule = schedules.get(lease.ruleId);
      if (!schedule || schedule.epoch !== lease.epoch) return false;
      schedule.state = copy(state);
      schedule.nextDueAt = nextDueAt;
      schedule.leaseOwner = undefined;
      schedule.leaseUntil = undefined;
      for (const row of rows) {
        const key = `${row.ruleId}\u0000${row.channelKey}\u0000${row.groupKey}\u0000${row.flushSeq}`;
        if (!deliveries.has(key)) deliveries.set(key, { record: copy(row), epoch: 0 });
      }
      return true;
    },
    async releaseRule(lease) {
      const schedule = schedules.get(lease.ruleId);
      if (schedule?.epoch === lease.epoch) schedule.leaseUntil = undefined;
    },
    async loadAllRuleStates() {
      const states = new Map<string, RuleState>();
      for (const [ruleId, schedule] of schedules)
        if (schedule.state) states.set(ruleId, copy(schedule.state));
      return states;
    },
    async saveSilence(silence) {
      silences.set(silence.id, copy(silence));
    },
    async loadSilences() {
      return [...silences.values()].map(copy);
    },
    async saveAcknowledgement(ack) {
      acks.set(ack.alertId, copy(ack));
    },
    async loadAcknowledgements(ruleId) {
      return [...acks.values()].filter((a) => a.ruleId === ruleId).map(copy);
    },
    async claimDueDeliveries(owner, now, leaseMs, limit) {
      void owner;
      const claimed: ClaimedDelivery[] = [];
      const due = [...deliveries.values()]
        .filter(
          (d) =>
            d.record.status === 'pending' && d.record.nextAttemptAt <= now && !leaseLive(d.leaseUntil, now),
        )
        .sort(
          (a, b) =>
            a.record.nextAttemptAt - b.record.nextAttemptAt || a.record.createdAt - b.record.createdAt,
        );
      for (const row of due.slice(0, limit)) {
        row.leaseUntil = now + leaseMs;
        row.epoch += 1;
        claimed.push({ delivery: copy(row.record), epoch: row.epoch });
      }
      return claimed;
    },
    async beginAttempt(claimed) {
      const row = findDelivery(claimed.delivery.deliveryId);
      if (!row || row.epoch !== claimed.epoch || row.record.status !== 'pending') return false;
      row.record.attempts += 1;
      return true;
    },
    async finishAttempt(claimed, outcome) {
      const row = findDelivery(claimed.delivery.deliveryId);
      if (!row || row.epoch !== claimed.epoch) return false;
      row.leaseUntil = undefined;
      if (outcome.kind === 'sent') Object.assign(row.record, { status: 'sent', sentAt: outcome.at });
      else if (outcome.kind === 'retry')
        Object.assign(row.record, { nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error });
      else Object.assign(row.record, { status: 'failed', lastError: outcome.error });
      return true;
    },
    async listDeliveries(ruleId) {
      return [...deliveries.values()]
        .filter((d) => ruleId === undefined || d.record.ruleId === ruleId)
        .map((d) => copy(d.record));
    },
    async prune(beforeMs) {
      for (const [key, row] of deliveries)
        if (row.record.status !== 'pending' && row.record.createdAt < beforeMs) deliveries.delete(key);
      for (const [id, silence] of silences) if (silence.endsAt < beforeMs) silences.delete(id);
    },
    async nextDueAt() {
      let next: number | undefined;
      const consider = (at: number) => {
        if (next === undefined || at < next) next = at;
      };
      for (const s of schedules.values())
        consider(s.leaseUntil !== undefined ? Math.max(s.nextDueAt, s.leaseUntil) : s.nextDueAt);
      for (const d of deliveries.values())
        if (d.record.status === 'pending')
          consider(
            d.leaseUntil !== undefined
              ? Math.max(d.record.nextAttemptAt, d.leaseUntil)
              : d.record.nextAttemptAt,
          );
      return next;
    },
    async close() {},
  };

  function findDelivery(deliveryId: string): DeliveryRow | undefined {
    for (const row of deliveries.values()) if (row.record.deliveryId === deliveryId) return row;
    return undefined;
  }
}
