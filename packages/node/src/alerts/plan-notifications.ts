import { advanceEscalation } from './advance-escalation.js';
import type { AlertInstanceRecord } from './alert-instance-record.js';
import type { Acknowledgement } from './alert-store.js';
import type { AlertRule, ChannelType, NotificationConfig } from './alert-types.js';
import { buildNotificationMessage } from './build-notification-message.js';
import { decideNotification } from './decide-notification.js';
import { deliveryId } from './delivery-id.js';
import type { DeliveryRecord } from './delivery-record.js';
import { matchesLabels } from './label-matchers.js';
import type { AlertGroupRecord, NotificationLogEntry, RuleState } from './rule-state.js';
import { type Silence, silenceState } from './silence.js';
import { isSuppressed } from './suppression-window.js';

/** Grouping and delivery timings (Alertmanager's defaults). */
export interface NotificationTimings {
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  resolvedRetentionMs: number;
  retentionMs: number;
  sendResolved: Record<ChannelType, boolean>;
}

export interface PlanInput {
  rule: AlertRule;
  state: RuleState;
  nowMs: number;
  silences: readonly Silence[];
  acks: readonly Acknowledgement[];
  timings: NotificationTimings;
  /** False until this engine has evaluated the rule once since it started. */
  mayFlush: boolean;
  epoch: number;
}

/** The group an instance belongs to: one per rule and alert name. */
export function groupKeyOf(ruleId: string, instance: AlertInstanceRecord): string {
  return `${ruleId}:{alertname=${JSON.stringify(instance.labels.alertname ?? '')}}`;
}

/**
 * Everything after evaluation (`alerting-anchors.md` §7.6): groups new firing alerts, flushes due
 * groups through mute windows, silences and the notification-log dedup into outbox rows, runs
 * escalation chains and forgets resolved alerts after their retention. Pure.
 */
export function planNotifications(input: PlanInput): { state: RuleState; deliveries: DeliveryRecord[] } {
  const { rule, nowMs, timings } = input;
  const deliveries: DeliveryRecord[] = [];
  let { instances, notificationLog } = input.state;
  const groups = new Map(input.state.groups.map((g) => [g.key, { ...g }]));

  for (const instance of instances) {
    const key = groupKeyOf(rule.id, instance);
    if (instance.state === 'firing' && !groups.has(key))
      groups.set(key, { key, createdAt: nowMs, nextFlushAt: nowMs + timings.groupWaitMs, flushSeq: 0 });
  }

  const hidden = (i: AlertInstanceRecord) =>
    isSilenced(input.silences, i.labels, nowMs) || isSuppressed(rule.suppressions, i.labels, nowMs);
  for (const group of [...groups.values()]) {
    const members = () => instances.filter((i) => groupKeyOf(rule.id, i) === group.key);
    let firingSent = false;
    if (input.mayFlush && group.nextFlushAt <= nowMs) {
      const flush = flushGroup(input, group, members(), notificationLog, hidden);
      deliveries.push(...flush.deliveries);
      notificationLog = flush.notificationLog;
      firingSent = flush.firingSent;
      instances = instances.map((i) =>
        flush.resolvedDone.has(i.fingerprint) ? { ...i, resolvedNotified: true } : i,
      );
      group.flushSeq += 1;
      const behind = Math.floor((nowMs - group.nextFlushAt) / timings.groupIntervalMs) + 1;
      group.nextFlushAt += behind * timings.groupIntervalMs;
    }
    const escalated = advanceEscalation({ ...input, instances, group, members: members(), firingSent });
    deliveries.push(...escalated.deliveries);
    instances = escalated.instances;
    const current = members();
    if (!current.some((i) => i.state === 'firing' || (i.state === 'resolved' && !i.resolvedNotified)))
      groups.delete(group.key);
  }

  // Log entries of groups that no longer exist are kept for the retention, then forgotten.
  notificationLog = notificationLog.filter(
    (e) => groups.has(e.groupKey) || nowMs - e.sentAt < timings.retentionMs,
  );
  instances = instances.filter(
    (i) =>
      !(
        i.state === 'resolved' &&
        i.resolvedNotified &&
        nowMs - (i.resolvedAt ?? nowMs) >= timings.resolvedRetentionMs
      ),
  );
  return { state: { ...input.state, instances, groups: [...groups.values()], notificationLog }, deliveries };
}

function flushGroup(
  input: PlanInput,
  group: AlertGroupRecord,
  members: AlertInstanceRecord[],
  log: NotificationLogEntry[],
  hidden: (i: AlertInstanceRecord) => boolean,
) {
  const { rule, nowMs, timings } = input;
  const deliveries: DeliveryRecord[] = [];
  const resolvedDone = new Set<string>();
  let firingSent = false;
  // Silenced and muted alerts leave the flush; the log stays untouched for them, so the first
  // flush after the silence notifies (deferred, not lost).
  const visible = members.filter(
    (i) => (i.state === 'firing' || (i.state === 'resolved' && !i.resolvedNotified)) && !hidden(i),
  );
  if (visible.length === 0) return { deliveries, notificationLog: log, resolvedDone, firingSent };
  const allFiring = visible.filter((i) => i.state === 'firing');
  const allResolved = visible.filter((i) => i.state === 'resolved');
  const resolvedFps = allResolved.map((i) => i.fingerprint);
  let nextLog = log;
  rule.notifications.forEach((channel, index) => {
    if (!channel.enabled) return;
    const channelKey = `notifications[${index}]`;
    // A channel is never told that it is itself failing (NotificationDeliveryFailing{channel}).
    const aboutOthers = (i: AlertInstanceRecord) => !(i.kind === 'health' && i.labels.channel === channelKey);
    const firing = allFiring.filter(aboutOthers);
    const firingFps = firing.map((i) => i.fingerprint);
    const entry = nextLog.find((e) => e.groupKey === group.key && e.channelKey === channelKey);
    const sendResolved = sendsResolved(channel, timings);
    // A channel hears about a resolve only if it was told the alert was firing: an alert that
    // resolves inside group_wait is never sent at all.
    const toldFiring = new Set(entry?.firing ?? []);
    const resolvedHere = allResolved.filter(aboutOthers).filter((i) => toldFiring.has(i.fingerprint));
    const decision = decideNotification(
      entry,
      firingFps,
      resolvedHere.map((i) => i.fingerprint),
      sendResolved,
      nowMs,
      timings.repeatIntervalMs,
    );
    const others = nextLog.filter((e) => e !== entry);
    if (!decision.send) {
      if (decision.clearLog) nextLog = others;
      return;
    }
    const alerts = sendResolved ? [...firing, ...resolvedHere] : firing;
    const message = buildNotificationMessage({
      rule,
      groupKey: group.key,
      channelKey,
      reason: decision.reason,
      alerts,
    });
    deliveries.push(
      newDelivery(
        rule.id,
        channelKey,
        group.key,
        `flush:${group.createdAt}:${group.flushSeq}`,
        channel,
        message,
        input.epoch,
        nowMs,
      ),
    );
    if (firing.length > 0) firingSent = true;
    nextLog = [
      ...others,
      { groupKey: group.key, channelKey, firing: firingFps, resolved: resolvedFps, sentAt: nowMs },
    ];
  });
  for (const fp of resolvedFps) resolvedDone.add(fp);
  return { deliveries, notificationLog: nextLog, resolvedDone, firingSent };
}

/** Whether a channel is told about resolves: its `config.sendResolved`, else the type's default. */
export function sendsResolved(channel: NotificationConfig, timings: NotificationTimings): boolean {
  const own = channel.config.sendResolved;
  return typeof own === 'boolean' ? own : timings.sendResolved[channel.type];
}

export function isSilenced(
  silences: readonly Silence[],
  labels: Record<string, string>,
  nowMs: number,
): boolean {
  return silences.some((s) => silenceState(s, nowMs) === 'active' && matchesLabels(s.matchers, labels));
}

export function newDelivery(
  ruleId: string,
  channelKey: string,
  groupKey: string,
  flushSeq: string,
  channel: NotificationConfig,
  message: DeliveryRecord['message'],
  epoch: number,
  nowMs: number,
): DeliveryRecord {
  return {
    deliveryId: deliveryId(ruleId, channelKey, groupKey, flushSeq),
    ruleId,
    channelKey,
    groupKey,
    flushSeq,
    channel,
    message,
    ruleEpoch: epoch,
    createdAt: nowMs,
    nextAttemptAt: nowMs,
    attempts: 0,
    status: 'pending',
  };
}
