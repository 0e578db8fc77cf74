import type { Acknowledgement, AlertStore } from './alert-store.js';
import type { DeliveryRecord } from './delivery-record.js';
import { deserializeAlertRule, serializeAlertRule } from './serialize-alert-rule.js';
import type { Silence } from './silence.js';
import {
  type DeliveryRow,
  fromDeliveryRow,
  fromRuleStateRow,
  type RuleStateRow,
  toDeliveryRow,
  toRuleStateRow,
} from './store-rows.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS alert_rule (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rule_schedule (
  rule_id TEXT PRIMARY KEY, next_due_at INTEGER NOT NULL, lease_owner TEXT, lease_until INTEGER,
  claim_epoch INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS rule_state (
  rule_id TEXT PRIMARY KEY, instances TEXT NOT NULL, groups TEXT NOT NULL, notification_log TEXT NOT NULL,
  health TEXT NOT NULL, next_slot_at INTEGER NOT NULL, last_slot_at INTEGER);
CREATE TABLE IF NOT EXISTS alert_silence (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alert_ack (
  alert_id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, acknowledged_at INTEGER NOT NULL, acknowledged_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS delivery_outbox (
  delivery_id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, channel_key TEXT NOT NULL, group_key TEXT NOT NULL,
  flush_seq TEXT NOT NULL, rule_epoch INTEGER NOT NULL, created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL, attempts INTEGER NOT NULL, status TEXT NOT NULL, sent_at INTEGER,
  last_error TEXT, record TEXT NOT NULL, lease_until INTEGER, claim_epoch INTEGER NOT NULL DEFAULT 0,
  UNIQUE (rule_id, channel_key, group_key, flush_seq));
CREATE INDEX IF NOT EXISTS delivery_outbox_due ON delivery_outbox (status, next_attempt_at);
`;

/** Minimal shape of a better-sqlite3 database, so the package needs no type import at runtime. */
interface Database {
  pragma(text: string): unknown;
  exec(text: string): void;
  prepare(text: string): {
    run(...params: unknown[]): { changes: number };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}

/**
 * The SQLite store (better-sqlite3, an optional dependency loaded here): one file for one engine
 * process. Every write is one transaction; leases and epochs work as in the PostgreSQL store, so
 * two engines in one process (or a restart over a live file) cannot both notify. WAL mode keeps
 * the file consistent if the process is killed mid-write.
 */
export async function openSqliteAlertStore(path: string): Promise<AlertStore> {
  const { default: BetterSqlite3 } = (await import('better-sqlite3')) as unknown as {
    default: new (path: string) => Database;
  };
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const claimOne = db.prepare(
    `UPDATE rule_schedule SET lease_owner = ?, lease_until = ?, claim_epoch = claim_epoch + 1
     WHERE rule_id = ? AND (lease_until IS NULL OR lease_until <= ?)`,
  );
  const epochOf = db.prepare('SELECT claim_epoch FROM rule_schedule WHERE rule_id = ?');
  const claimDueRules = db.transaction((owner: string, now: number, leaseMs: number, limit: number) => {
    const due = db
      .prepare(
        `SELECT rule_id FROM rule_schedule WHERE next_due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY next_due_at LIMIT ?`,
      )
      .all(now, now, limit) as { rule_id: string }[];
    return due.map(({ rule_id }) => {
      claimOne.run(owner, now + leaseMs, rule_id, now);
      return { ruleId: rule_id, epoch: (epochOf.get(rule_id) as { claim_epoch: number }).claim_epoch };
    });
  });
  const claimRule = db.transaction((ruleId: string, owner: string, now: number, leaseMs: number) => {
    if (claimOne.run(owner, now + leaseMs, ruleId, now).changes === 0) return undefined;
    return { ruleId, epoch: (epochOf.get(ruleId) as { claim_epoch: number }).claim_epoch };
  });
  const insertDelivery = db.prepare(
    `INSERT INTO delivery_outbox (delivery_id, rule_id, channel_key, group_key, flush_seq, rule_epoch, created_at,
       next_attempt_at, attempts, status, sent_at, last_error, record)
     VALUES (@delivery_id, @rule_id, @channel_key, @group_key, @flush_seq, @rule_epoch, @created_at,
       @next_attempt_at, @attempts, @status, @sent_at, @last_error, @record)
     ON CONFLICT DO NOTHING`,
  );
  const commit = db.transaction(
    (ruleId: string, epoch: number, state: RuleStateRow, nextDueAt: number, rows: DeliveryRow[]) => {
      const fenced = db
        .prepare(
          `UPDATE rule_schedule SET next_due_at = ?, lease_owner = NULL, lease_until = NULL
           WHERE rule_id = ? AND claim_epoch = ?`,
        )
        .run(nextDueAt, ruleId, epoch);
      if (fenced.changes === 0) return false;
      db.prepare(
        `INSERT INTO rule_state (rule_id, instances, groups, notification_log, health, next_slot_at, last_slot_at)
         VALUES (@rule_id, @instances, @groups, @notification_log, @health, @next_slot_at, @last_slot_at)
         ON CONFLICT (rule_id) DO UPDATE SET instances = excluded.instances, groups = excluded.groups,
           notification_log = excluded.notification_log, health = excluded.health,
           next_slot_at = excluded.next_slot_at, last_slot_at = excluded.last_slot_at`,
      ).run({ rule_id: ruleId, ...state });
      for (const row of rows) insertDelivery.run(row);
      return true;
    },
  );
  const claimDeliveries = db.transaction((now: number, leaseMs: number, limit: number) => {
    const due = db
      .prepare(
        `SELECT * FROM delivery_outbox WHERE status = 'pending' AND next_attempt_at <= ?
         AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, created_at LIMIT ?`,
      )
      .all(now, now, limit) as (DeliveryRow & { claim_epoch: number })[];
    const lease = db.prepare(
      'UPDATE delivery_outbox SET lease_until = ?, claim_epoch = claim_epoch + 1 WHERE delivery_id = ?',
    );
    return due.map((row) => {
      lease.run(now + leaseMs, row.delivery_id);
      return { delivery: fromDeliveryRow(row), epoch: row.claim_epoch + 1 };
    });
  });

  return {
    async saveRule(rule, nextDueAt) {
      db.transaction(() => {
        db.prepare(
          'INSERT INTO alert_rule (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
        ).run(rule.id, serializeAlertRule(rule));
        db.prepare(
          `INSERT INTO rule_schedule (rule_id, next_due_at) VALUES (?, ?)
           ON CONFLICT (rule_id) DO UPDATE SET next_due_at = min(next_due_at, excluded.next_due_at)`,
        ).run(rule.id, nextDueAt);
      })();
    },
    async deleteRule(ruleId) {
      db.transaction(() => {
        db.prepare('DELETE FROM alert_rule WHERE id = ?').run(ruleId);
        db.prepare('DELETE FROM rule_schedule WHERE rule_id = ?').run(ruleId);
        db.prepare('DELETE FROM rule_state WHERE rule_id = ?').run(ruleId);
      })();
    },
    async loadRules() {
      return (db.prepare('SELECT body FROM alert_rule ORDER BY id').all() as { body: string }[]).map((r) =>
        deserializeAlertRule(r.body),
      );
    },
    async claimDueRules(owner, now, leaseMs, limit) {
      return claimDueRules(owner, now, leaseMs, limit);
    },
    async claimRule(ruleId, owner, now, leaseMs) {
      return claimRule(ruleId, owner, now, leaseMs);
    },
    async loadRuleState(ruleId) {
      const row = db.prepare('SELECT * FROM rule_state WHERE rule_id = ?').get(ruleId) as
        | RuleStateRow
        | undefined;
      return row ? fromRuleStateRow(row) : undefined;
    },
    async commitRuleState(lease, state, nextDueAt, deliveries) {
      return commit(
        lease.ruleId,
        lease.epoch,
        toRuleStateRow(state),
        nextDueAt,
        deliveries.map(toDeliveryRow),
      );
    },
    async releaseRule(lease) {
      db.prepare(
        'UPDATE rule_schedule SET lease_owner = NULL, lease_until = NULL WHERE rule_id = ? AND claim_epoch = ?',
      ).run(lease.ruleId, lease.epoch);
    },
    async loadAllRuleStates() {
      const rows = db.prepare('SELECT * FROM rule_state').all() as (RuleStateRow & { rule_id: string })[];
      return new Map(rows.map((row) => [row.rule_id, fromRuleStateRow(row)]));
    },
    async saveSilence(silence) {
      db.prepare(
        'INSERT INTO alert_silence (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
      ).run(silence.id, JSON.stringify(silence));
    },
    async loadSilences() {
      return (db.prepare('SELECT body FROM alert_silence').all() as { body: string }[]).map(
        (r) => JSON.parse(r.body) as Silence,
      );
    },
    async saveAcknowledgement(ack) {
      db.prepare(
        `INSERT INTO alert_ack (alert_id, rule_id, acknowledged_at, acknowledged_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (alert_id) DO UPDATE SET acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by`,
      ).run(ack.alertId, ack.ruleId, ack.acknowledgedAt, ack.acknowledgedBy);
    },
    async loadAcknowledgements(ruleId) {
      const rows = db.prepare('SELECT * FROM alert_ack WHERE rule_id = ?').all(ruleId) as {
        alert_id: string;
        rule_id: string;
        acknowledged_at: number;
        acknowledged_by: string;
      }[];
      return rows.map(
        (r): Acknowledgement => ({
          alertId: r.alert_id,
          ruleId: r.rule_id,
          acknowledgedAt: r.acknowledged_at,
          acknowledgedBy: r.acknowledged_by,
        }),
      );
    },
    async claimDueDeliveries(_owner, now, leaseMs, limit) {
      return claimDeliveries(now, leaseMs, limit);
    },
    async beginAttempt(claim) {
      return (
        db
          .prepare(
            `UPDATE delivery_outbox SET attempts = attempts + 1 WHERE delivery_id = ? AND claim_epoch = ? AND status = 'pending'`,
          )
          .run(claim.delivery.deliveryId, claim.epoch).changes === 1
      );
    },
    async finishAttempt(claim, outcome) {
      const id = claim.delivery.deliveryId;
      const fence = 'WHERE delivery_id = ? AND claim_epoch = ?';
      const result =
        outcome.kind === 'sent'
          ? db
              .prepare(`UPDATE delivery_outbox SET status = 'sent', sent_at = ?, lease_until = NULL ${fence}`)
              .run(outcome.at, id, claim.epoch)
          : outcome.kind === 'retry'
            ? db
                .prepare(
                  `UPDATE delivery_outbox SET next_attempt_at = ?, last_error = ?, lease_until = NULL ${fence}`,
                )
                .run(outcome.nextAttemptAt, outcome.error, id, claim.epoch)
            : db
                .prepare(
                  `UPDATE delivery_outbox SET status = 'failed', last_error = ?, lease_until = NULL ${fence}`,
                )
                .run(outcome.error, id, claim.epoch);
      return result.changes === 1;
    },
    async listDeliveries(ruleId) {
      return (
        db
          .prepare(
            'SELECT * FROM delivery_outbox WHERE @rule IS NULL OR rule_id = @rule ORDER BY created_at, delivery_id',
          )
          .all({ rule: ruleId ?? null }) as DeliveryRow[]
      ).map((row): DeliveryRecord => fromDeliveryRow(row));
    },
    async prune(beforeMs) {
      db.transaction(() => {
        db.prepare(`DELETE FROM delivery_outbox WHERE status <> 'pending' AND created_at < ?`).run(beforeMs);
        db.prepare(`DELETE FROM alert_silence WHERE json_extract(body, '$.endsAt') < ?`).run(beforeMs);
      })();
    },
    async nextDueAt() {
      const row = db
        .prepare(
          `SELECT min(at) AS at FROM (
             SELECT max(next_due_at, coalesce(lease_until, 0)) AS at FROM rule_schedule
             UNION ALL
             SELECT max(next_attempt_at, coalesce(lease_until, 0)) FROM delivery_outbox WHERE status = 'pending')`,
        )
        .get() as { at: number | null };
      return row.at ?? undefined;
    },
    async close() {
      db.close();
    },
  };
}
