import type { DeliveryRecord } from './delivery-record.js';
import type { RuleState } from './rule-state.js';

/** Columns of `rule_state`, shared by the SQL stores. */
export interface RuleStateRow {
  instances: string;
  groups: string;
  notification_log: string;
  health: string;
  next_slot_at: number | string;
  last_slot_at: number | string | null;
}

export function toRuleStateRow(state: RuleState): RuleStateRow {
  return {
    instances: JSON.stringify(state.instances),
    groups: JSON.stringify(state.groups),
    notification_log: JSON.stringify(state.notificationLog),
    health: JSON.stringify(state.health),
    next_slot_at: state.nextSlotAt,
    last_slot_at: state.lastSlotAt ?? null,
  };
}

export function fromRuleStateRow(row: RuleStateRow): RuleState {
  const state: RuleState = {
    instances: JSON.parse(row.instances),
    groups: JSON.parse(row.groups),
    notificationLog: JSON.parse(row.notification_log),
    health: JSON.parse(row.health),
    nextSlotAt: Number(row.next_slot_at),
  };
  if (row.last_slot_at !== null) state.lastSlotAt = Number(row.last_slot_at);
  return state;
}

/** Columns of `delivery_outbox`; `record` holds the channel and the message. */
export interface DeliveryRow {
  delivery_id: string;
  rule_id: string;
  channel_key: string;
  group_key: string;
  flush_seq: string;
  rule_epoch: number | string;
  created_at: number | string;
  next_attempt_at: number | string;
  attempts: number | string;
  status: string;
  sent_at: number | string | null;
  last_error: string | null;
  record: string;
}

export function toDeliveryRow(d: DeliveryRecord): DeliveryRow {
  return {
    delivery_id: d.deliveryId,
    rule_id: d.ruleId,
    channel_key: d.channelKey,
    group_key: d.groupKey,
    flush_seq: d.flushSeq,
    rule_epoch: d.ruleEpoch,
    created_at: d.createdAt,
    next_attempt_at: d.nextAttemptAt,
    attempts: d.attempts,
    status: d.status,
    sent_at: d.sentAt ?? null,
    last_error: d.lastError ?? null,
    record: JSON.stringify({ channel: d.channel, message: d.message }),
  };
}

export function fromDeliveryRow(row: DeliveryRow): DeliveryRecord {
  const { channel, message } = JSON.parse(row.record) as Pick<DeliveryRecord, 'channel' | 'message'>;
  const record: DeliveryRecord = {
    deliveryId: row.delivery_id,
    ruleId: row.rule_id,
    channelKey: row.channel_key,
    groupKey: row.group_key,
    flushSeq: row.flush_seq,
    channel,
    message,
    ruleEpoch: Number(row.rule_epoch),
    createdAt: Number(row.created_at),
    nextAttemptAt: Number(row.next_attempt_at),
    attempts: Number(row.attempts),
    status: row.status as DeliveryRecord['status'],
  };
  if (row.sent_at !== null) record.sentAt = Number(row.sent_at);
  if (row.last_error !== null) record.lastError = row.last_error;
  return record;
}
