import type { Clock } from '@shoptel/core';
import { nextEscalationAt } from './advance-escalation.js';
import type { AlertEngineError, ResolvedTimings } from './alert-engine-options.js';
import type { AlertStore, RuleLease } from './alert-store.js';
import type { AlertRule } from './alert-types.js';
import { applyEvaluation } from './apply-evaluation.js';
import { slotAfter, slotAtOrBefore, slotOffsetMs } from './evaluation-slot.js';
import { parseTimeWindow } from './parse-time-window.js';
import { planNotifications } from './plan-notifications.js';
import { emptyRuleState, type RuleState } from './rule-state.js';
import { type AlertQuery, runRuleQuery } from './run-rule-query.js';
import type { Silence } from './silence.js';
import { trackDeliveryHealth } from './track-delivery-health.js';

export interface ProcessRuleDeps {
  store: AlertStore;
  query: AlertQuery;
  clock: Clock;
  timings: ResolvedTimings;
  /** Rules this engine has evaluated since it started (restores wait for one evaluation). */
  evaluatedSinceStart: Set<string>;
  report: (error: AlertEngineError) => void;
}

/** The first slot at or after `nowMs`. */
export function firstSlotAt(rule: AlertRule, nowMs: number): number {
  const intervalMs = parseTimeWindow(rule.evaluationInterval, 'evaluationInterval');
  const offset = slotOffsetMs(rule.id, intervalMs);
  const slot = slotAtOrBefore(nowMs, intervalMs, offset);
  return slot === nowMs ? slot : slot + intervalMs;
}

/**
 * One leased run of a rule: evaluate the due slot (if any; a late run evaluates only the latest
 * slot and counts the others as missed), then group, flush and escalate, then commit it all in
 * one fenced write. A run whose lease was taken over meanwhile writes nothing.
 * `manualSlot` evaluates at that time now, whatever the schedule (the seed's `evaluateRule`).
 */
export async function processRule(
  lease: RuleLease,
  rule: AlertRule,
  deps: ProcessRuleDeps,
  manualSlot?: number,
): Promise<void> {
  const { store, clock, timings } = deps;
  const intervalMs = parseTimeWindow(rule.evaluationInterval, 'evaluationInterval');
  const offset = slotOffsetMs(rule.id, intervalMs);
  // Read the time only after a first await: a timer that fired late must see the real time.
  let state: RuleState =
    (await store.loadRuleState(rule.id)) ?? emptyRuleState(firstSlotAt(rule, clock.now()));
  let now = clock.now();

  if (rule.enabled && (manualSlot !== undefined || now >= state.nextSlotAt)) {
    const slot = manualSlot ?? slotAtOrBefore(now, intervalMs, offset);
    const skippedBefore =
      manualSlot === undefined ? Math.max(0, Math.round((slot - state.nextSlotAt) / intervalMs)) : 0;
    const outcome = await runRuleQuery(rule, slot, deps.query, clock, timings.queryTimeoutMs);
    if (outcome.kind === 'error')
      deps.report({ reason: 'rule_evaluation_failed', message: outcome.message, ruleId: rule.id });
    state = applyEvaluation(state, rule, outcome, slot, {
      intervalMs,
      firstSinceStart: !deps.evaluatedSinceStart.has(rule.id),
      outageToleranceMs: timings.outageToleranceMs,
    });
    // Even a failed query counts: it changes no alert, so the stored state may be flushed, and a
    // rule broken from start-up must still be able to raise RuleEvaluationFailing.
    deps.evaluatedSinceStart.add(rule.id);
    now = clock.now();
    if (manualSlot === undefined) {
      // Slots that passed while the query ran are skipped, never replayed in a burst.
      const nextSlotAt = slotAfter(Math.max(now, slot), intervalMs, offset);
      const skippedAfter = Math.round((nextSlotAt - slot) / intervalMs) - 1;
      state = {
        ...state,
        nextSlotAt,
        health: { ...state.health, missedSlots: state.health.missedSlots + skippedBefore + skippedAfter },
      };
    }
  } else if (!rule.enabled && now >= state.nextSlotAt) {
    state = { ...state, nextSlotAt: slotAfter(now, intervalMs, offset) };
  }

  const [silences, acks, deliveries] = await Promise.all([
    store.loadSilences(),
    store.loadAcknowledgements(rule.id),
    store.listDeliveries(rule.id),
  ]);
  now = clock.now();
  state = { ...state, instances: trackDeliveryHealth(state.instances, rule, deliveries, now) };
  const mayFlush = deps.evaluatedSinceStart.has(rule.id);
  const plan = planNotifications({
    rule,
    state,
    nowMs: now,
    silences,
    acks,
    timings,
    mayFlush,
    epoch: lease.epoch,
  });
  const nextDueAt = nextDueOf(rule, plan.state, silences, now, mayFlush);
  const committed = await store.commitRuleState(lease, plan.state, nextDueAt, plan.deliveries);
  if (!committed)
    deps.report({
      reason: 'lease_lost',
      message: `rule ${rule.id}: another engine took the lease; this run's writes were discarded`,
      ruleId: rule.id,
    });
}

/** The next time the rule needs a run: its next slot, a group flush, an escalation step, a silence edge. */
function nextDueOf(
  rule: AlertRule,
  state: RuleState,
  silences: readonly Silence[],
  nowMs: number,
  mayFlush: boolean,
): number {
  let next = state.nextSlotAt;
  for (const group of state.groups) {
    if (mayFlush) next = Math.min(next, group.nextFlushAt);
    const step = nextEscalationAt({ rule }, group);
    if (step !== undefined) next = Math.min(next, step);
    // A silence starting or ending pauses or resumes an escalation chain at that moment.
    if (group.escalation && group.escalation.cancelledAt === undefined) {
      for (const s of silences) {
        if (s.startsAt > nowMs) next = Math.min(next, s.startsAt);
        if (s.endsAt > nowMs) next = Math.min(next, s.endsAt);
      }
    }
  }
  return Math.max(next, nowMs);
}
