import type { AlertInstanceRecord } from './alert-instance-record.js';
import { buildNotificationMessage } from './build-notification-message.js';
import type { DeliveryRecord } from './delivery-record.js';
import { matchesLabels, parseLabelMatchers } from './label-matchers.js';
import { parseTimeWindow } from './parse-time-window.js';
import { isSilenced, newDelivery, type PlanInput } from './plan-notifications.js';
import type { AlertGroupRecord } from './rule-state.js';

/**
 * Runs a group's escalation chain (the seed's `EscalationRule`s) at `nowMs`. The chain starts with
 * the first firing notification; while every firing alert of the group is silenced its clock
 * stops; a resolve or an acknowledgement ends it. A due step raises the alerts to `critical` and
 * writes one outbox row per target channel. Mutates `group.escalation` (the caller's copy).
 */
export function advanceEscalation(
  input: PlanInput & {
    instances: AlertInstanceRecord[];
    group: AlertGroupRecord;
    members: AlertInstanceRecord[];
    firingSent: boolean;
  },
): { instances: AlertInstanceRecord[]; deliveries: DeliveryRecord[] } {
  const { rule, group, nowMs } = input;
  let instances = input.instances;
  const deliveries: DeliveryRecord[] = [];
  const steps = (rule.escalation ?? []).filter((s) => s.enabled);
  const firing = input.members.filter((i) => i.state === 'firing' && i.kind === 'rule');
  if (steps.length === 0) return { instances, deliveries };
  if (!group.escalation) {
    if (!input.firingSent || firing.length === 0) return { instances, deliveries };
    group.escalation = { startedAt: nowMs, pausedMs: 0, stepsSent: [] };
  }
  const chain = group.escalation;
  if (chain.cancelledAt !== undefined) return { instances, deliveries };
  const acknowledged = firing.some((i) =>
    input.acks.some((a) => a.alertId === `${rule.id}:${i.fingerprint}` && a.acknowledgedAt >= i.activeAt),
  );
  if (firing.length === 0 || acknowledged) {
    chain.cancelledAt = nowMs;
    return { instances, deliveries };
  }
  const allSilenced = firing.every((i) => isSilenced(input.silences, i.labels, nowMs));
  if (allSilenced) {
    chain.pausedAt ??= nowMs;
    return { instances, deliveries };
  }
  if (chain.pausedAt !== undefined) {
    chain.pausedMs += nowMs - chain.pausedAt;
    chain.pausedAt = undefined;
  }
  for (const step of steps) {
    if (chain.stepsSent.includes(step.id)) continue;
    if (nowMs < chain.startedAt + chain.pausedMs + parseTimeWindow(step.timeWindow)) continue;
    const matchers = parseLabelMatchers(step.condition);
    const targets = firing.filter((i) => matchesLabels(matchers, i.labels));
    chain.stepsSent.push(step.id);
    if (targets.length === 0) continue;
    const escalatedFps = new Set(targets.map((i) => i.fingerprint));
    instances = instances.map((i) => (escalatedFps.has(i.fingerprint) ? { ...i, escalated: true } : i));
    step.targetNotifications.forEach((channel, index) => {
      if (!channel.enabled) return;
      const channelKey = `escalation[${step.id}][${index}]`;
      const message = buildNotificationMessage({
        rule,
        groupKey: group.key,
        channelKey,
        reason: 'escalation',
        alerts: targets,
        severity: 'critical',
      });
      deliveries.push(
        newDelivery(
          rule.id,
          channelKey,
          group.key,
          `escalation:${group.createdAt}`,
          channel,
          message,
          input.epoch,
          nowMs,
        ),
      );
    });
  }
  return { instances, deliveries };
}

/** When the chain's next step is due, or `undefined` (none left, paused, or ended). */
export function nextEscalationAt(
  input: Pick<PlanInput, 'rule'>,
  group: AlertGroupRecord,
): number | undefined {
  const chain = group.escalation;
  if (!chain || chain.cancelledAt !== undefined || chain.pausedAt !== undefined) return undefined;
  const due = (input.rule.escalation ?? [])
    .filter((s) => s.enabled && !chain.stepsSent.includes(s.id))
    .map((s) => chain.startedAt + chain.pausedMs + parseTimeWindow(s.timeWindow));
  return due.length === 0 ? undefined : Math.min(...due);
}
