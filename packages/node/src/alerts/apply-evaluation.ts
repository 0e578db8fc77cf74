import { alertFingerprint } from './alert-fingerprint.js';
import type { AlertInstanceRecord } from './alert-instance-record.js';
import type { AlertRule } from './alert-types.js';
import { firingHealthAlert } from './firing-health-alert.js';
import { parseTimeWindow } from './parse-time-window.js';
import type { RuleState } from './rule-state.js';
import { type QueryOutcome, ruleLabels } from './run-rule-query.js';
import { transitionInstances } from './transition-instances.js';

export const DEFAULT_ERROR_FOR = 3;
export const DEFAULT_MISSING_SERIES_TO_RESOLVE = 2;
/** The meta-alert a rule raises when its queries keep failing. */
export const RULE_EVALUATION_FAILING = 'RuleEvaluationFailing';

export interface ApplyEvaluationOptions {
  intervalMs: number;
  /** First evaluation of this rule by this engine since it started (a restart or a takeover). */
  firstSinceStart: boolean;
  /** A downtime longer than this restarts pending alerts from scratch. */
  outageToleranceMs: number;
}

/**
 * Folds one evaluation at slot `t` into the rule's state. A query error changes no alert
 * (keep last state), counts toward `errorFor` and then fires `RuleEvaluationFailing`; a good
 * query resolves that meta-alert. After a downtime, pending alerts have `activeAt` moved by the
 * downtime so it does not count toward `for` (Prometheus `RestoreForState`); firing ones stay firing.
 */
export function applyEvaluation(
  state: RuleState,
  rule: AlertRule,
  outcome: QueryOutcome,
  t: number,
  options: ApplyEvaluationOptions,
): RuleState {
  let instances = options.firstSinceStart ? shiftPendingAfterDowntime(state, t, options) : state.instances;
  const health = { ...state.health, lastEvaluatedAt: t, evaluations: state.health.evaluations + 1 };
  const errorFor = rule.errorFor ?? DEFAULT_ERROR_FOR;

  if (outcome.kind === 'error') {
    health.status = 'error';
    health.consecutiveErrors += 1;
    health.lastError = outcome.message;
    if (health.consecutiveErrors >= errorFor) instances = raiseHealthAlert(instances, rule, t);
    return { ...state, instances, health, lastSlotAt: t };
  }

  health.status = 'ok';
  health.consecutiveErrors = 0;
  health.lastError = undefined;
  instances = instances.map((i) =>
    i.kind === 'health' && i.state === 'firing'
      ? { ...i, state: 'resolved' as const, resolvedAt: t, resolvedNotified: false }
      : i,
  );
  const settings = {
    forMs: parseTimeWindow(rule.for ?? '0s', 'for'),
    keepFiringForMs: parseTimeWindow(rule.keepFiringFor ?? '0s', 'keepFiringFor'),
    missingSeriesToResolve: rule.missingSeriesToResolve ?? DEFAULT_MISSING_SERIES_TO_RESOLVE,
  };
  if (outcome.kind === 'rows') {
    instances = transitionInstances(instances, outcome.samples, false, t, settings);
  } else if ((rule.onNoData ?? 'ok') === 'ok') {
    instances = transitionInstances(instances, [], true, t, settings);
  } else if (rule.onNoData === 'alerting') {
    const labels = ruleLabels(rule);
    const sample = { fingerprint: alertFingerprint(labels), labels, value: null, conditionMet: true };
    instances = transitionInstances(instances, [sample], false, t, settings).map((i) =>
      i.fingerprint === sample.fingerprint ? { ...i, reason: 'nodata' as const } : i,
    );
  }
  // keep_last: no transition at all.
  return { ...state, instances, health, lastSlotAt: t };
}

function shiftPendingAfterDowntime(
  state: RuleState,
  t: number,
  options: ApplyEvaluationOptions,
): AlertInstanceRecord[] {
  if (state.lastSlotAt === undefined) return state.instances;
  const downtimeMs = t - state.lastSlotAt - options.intervalMs;
  if (downtimeMs <= 0) return state.instances;
  if (downtimeMs > options.outageToleranceMs) return state.instances.filter((i) => i.state !== 'pending');
  return state.instances.map((i) =>
    i.state === 'pending' ? { ...i, activeAt: i.activeAt + downtimeMs } : i,
  );
}

function raiseHealthAlert(
  instances: AlertInstanceRecord[],
  rule: AlertRule,
  t: number,
): AlertInstanceRecord[] {
  const labels = { alertname: RULE_EVALUATION_FAILING, rule: rule.name, rule_id: rule.id };
  const fingerprint = alertFingerprint(labels);
  if (instances.some((i) => i.fingerprint === fingerprint && i.state === 'firing')) return instances;
  const meta = firingHealthAlert(fingerprint, labels, t);
  return [...instances.filter((i) => i.fingerprint !== fingerprint), meta];
}
