import type { Acknowledgement, AlertStore, RuleLease } from './alert-store.js';
import type { ClaimedDelivery } from './delivery-record.js';
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
CREATE TABLE IF NOT EXISTS shoptel_alert_rule (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shoptel_rule_schedule (
  rule_id TEXT PRIMARY KEY, next_due_at BIGINT NOT NULL, lease_owner TEXT, lease_until BIGINT,
  claim_epoch BIGINT NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS shoptel_rule_schedule_due ON shoptel_rule_schedule (next_due_at);
CREATE TABLE IF NOT EXISTS shoptel_rule_state (
  rule_id TEXT PRIMARY KEY, instances TEXT NOT NULL, groups TEXT NOT NULL, notification_log TEXT NOT NULL,
  health TEXT NOT NULL, next_slot_at BIGINT NOT NULL, last_slot_at BIGINT);
CREATE TABLE IF NOT EXISTS shoptel_alert_silence (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shoptel_alert_ack (
  alert_id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, acknowledged_at BIGINT NOT NULL, acknowledged_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shoptel_delivery_outbox (
  delivery_id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, channel_key TEXT NOT NULL, group_key TEXT NOT NULL,
  flush_seq TEXT NOT NULL, rule_epoch BIGINT NOT NULL, created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL, attempts INTEGER NOT NULL, status TEXT NOT NULL, sent_at BIGINT,
  last_error TEXT, record TEXT NOT NULL, lease_until BIGINT, claim_epoch BIGINT NOT NULL DEFAULT 0,
  UNIQUE (rule_id, channel_key, group_key, flush_seq));
CREATE INDEX IF NOT EXISTS shoptel_delivery_outbox_due ON shoptel_delivery_outbox (status, next_attempt_at);
`;

interface QueryResult<Row> {
  rows: Row[];
  rowCount: number | null;
}
interface Queryable {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
}
interface PoolClient extends Queryable {
  release(): void;
}
interface Pool extends Queryable {
  connect(): Promise<PoolClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

export interface PostgresAlertStoreOptions {
  /** `postgres://user:pass@host:5432/db`; or pass `pool` settings of `pg`. */
  connectionString?: string;
  /** Extra `pg.Pool` settings (host, port, user, password, database, max, ssl…). */
  pool?: Record<string, unknown>;
  /**
   * Hears an idle connection's failure (the server restarted or ended it, the network broke). The
   * pool has already dropped that connection and the next query opens another; a query that
   * fails meanwhile reaches the engine's `onError`. Without a listener `pg` would crash the process.
   */
  onError?: (error: Error) => void;
}

/**
 * The PostgreSQL store (`pg`, an optional dependency loaded here) for engines running as several
 * replicas on several machines. Due rules and deliveries are claimed with
 * `FOR UPDATE SKIP LOCKED` (as OpenObserve's scheduler does), so replicas never wait on each
 * other; each claim bumps `claim_epoch`, and every later write of that run matches on it, so a
 * replica paused past its lease writes nothing and sends nothing. Lease times are the engines'
 * clocks: keep replica clocks in sync (NTP), as leases of any kind require.
 */
export async function openPostgresAlertStore(options: PostgresAlertStoreOptions): Promise<AlertStore> {
  const { default: pg } = (await import('pg')) as unknown as {
    default: { Pool: new (config: Record<string, unknown>) => Pool };
  };
  const pool = new pg.Pool({
    ...options.pool,
    ...(options.connectionString ? { connectionString: options.connectionString } : {}),
  });
  pool.on('error', (error) => options.onError?.(error));
  await transaction(async (client) => {
    // Replicas starting together must not race on CREATE TABLE IF NOT EXISTS.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('shoptel_alert_store_schema'))");
    await client.query(SCHEMA);
  });

  async function transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  const toLeases = (rows: { rule_id: string; claim_epoch: string | number }[]): RuleLease[] =>
    rows.map((r) => ({ ruleId: r.rule_id, epoch: Number(r.claim_epoch) }));

  return {
    async saveRule(rule, nextDueAt) {
      await transaction(async (client) => {
        await client.query(
          'INSERT INTO shoptel_alert_rule (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
          [rule.id, serializeAlertRule(rule)],
        );
        await client.query(
          `INSERT INTO shoptel_rule_schedule (rule_id, next_due_at) VALUES ($1, $2)
           ON CONFLICT (rule_id) DO UPDATE SET next_due_at = least(shoptel_rule_schedule.next_due_at, excluded.next_due_at)`,
          [rule.id, nextDueAt],
        );
      });
    },
    async deleteRule(ruleId) {
      await transaction(async (client) => {
        await client.query('DELETE FROM shoptel_alert_rule WHERE id = $1', [ruleId]);
        await client.query('DELETE FROM shoptel_rule_schedule WHERE rule_id = $1', [ruleId]);
        await client.query('DELETE FROM shoptel_rule_state WHERE rule_id = $1', [ruleId]);
      });
    },
    async loadRules() {
      const { rows } = await pool.query<{ body: string }>('SELECT body FROM shoptel_alert_rule ORDER BY id');
      return rows.map((r) => deserializeAlertRule(r.body));
    },
    async claimDueRules(owner, now, leaseMs, limit) {
      const { rows } = await pool.query<{ rule_id: string; claim_epoch: string }>(
        `WITH due AS (
           SELECT rule_id FROM shoptel_rule_schedule
           WHERE next_due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY next_due_at LIMIT $2
           FOR UPDATE SKIP LOCKED)
         UPDATE shoptel_rule_schedule s
         SET lease_owner = $3, lease_until = $1::bigint + $4::bigint, claim_epoch = s.claim_epoch + 1
         FROM due WHERE s.rule_id = due.rule_id
         RETURNING s.rule_id, s.claim_epoch`,
        [now, limit, owner, leaseMs],
      );
      return toLeases(rows);
    },
    async claimRule(ruleId, owner, now, leaseMs) {
      const { rows } = await pool.query<{ rule_id: string; claim_epoch: string }>(
        `UPDATE shoptel_rule_schedule SET lease_owner = $2, lease_until = $3::bigint + $4::bigint, claim_epoch = claim_epoch + 1
         WHERE rule_id = $1 AND (lease_until IS NULL OR lease_until <= $3)
         RETURNING rule_id, claim_epoch`,
        [ruleId, owner, now, leaseMs],
      );
      return toLeases(rows)[0];
    },
    async loadRuleState(ruleId) {
      const { rows } = await pool.query<RuleStateRow>('SELECT * FROM shoptel_rule_state WHERE rule_id = $1', [
        ruleId,
      ]);
      return rows[0] ? fromRuleStateRow(rows[0]) : undefined;
    },
    async commitRuleState(lease, state, nextDueAt, deliveries) {
      return transaction(async (client) => {
        // The fence: the row lock taken here also orders this commit after any concurrent claim.
        const fenced = await client.query(
          `UPDATE shoptel_rule_schedule SET next_due_at = $1, lease_owner = NULL, lease_until = NULL
           WHERE rule_id = $2 AND claim_epoch = $3`,
          [nextDueAt, lease.ruleId, lease.epoch],
        );
        if (fenced.rowCount !== 1) return false;
        const row = toRuleStateRow(state);
        await client.query(
          `INSERT INTO shoptel_rule_state (rule_id, instances, groups, notification_log, health, next_slot_at, last_slot_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (rule_id) DO UPDATE SET instances = excluded.instances, groups = excluded.groups,
             notification_log = excluded.notification_log, health = excluded.health,
             next_slot_at = excluded.next_slot_at, last_slot_at = excluded.last_slot_at`,
          [
            lease.ruleId,
            row.instances,
            row.groups,
            row.notification_log,
            row.health,
            row.next_slot_at,
            row.last_slot_at,
          ],
        );
        for (const d of deliveries.map(toDeliveryRow)) {
          await client.query(
            `INSERT INTO shoptel_delivery_outbox (delivery_id, rule_id, channel_key, group_key, flush_seq, rule_epoch,
               created_at, next_attempt_at, attempts, status, sent_at, last_error, record)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
            [
              d.delivery_id,
              d.rule_id,
              d.channel_key,
              d.group_key,
              d.flush_seq,
              d.rule_epoch,
              d.created_at,
              d.next_attempt_at,
              d.attempts,
              d.status,
              d.sent_at,
              d.last_error,
              d.record,
            ],
          );
        }
        return true;
      });
    },
    async releaseRule(lease) {
      await pool.query(
        'UPDATE shoptel_rule_schedule SET lease_owner = NULL, lease_until = NULL WHERE rule_id = $1 AND claim_epoch = $2',
        [lease.ruleId, lease.epoch],
      );
    },
    async loadAllRuleStates() {
      const { rows } = await pool.query<RuleStateRow & { rule_id: string }>(
        'SELECT * FROM shoptel_rule_state',
      );
      return new Map(rows.map((row) => [row.rule_id, fromRuleStateRow(row)]));
    },
    async saveSilence(silence) {
      await pool.query(
        'INSERT INTO shoptel_alert_silence (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
        [silence.id, JSON.stringify(silence)],
      );
    },
    async loadSilences() {
      const { rows } = await pool.query<{ body: string }>('SELECT body FROM shoptel_alert_silence');
      return rows.map((r) => JSON.parse(r.body) as Silence);
    },
    async saveAcknowledgement(ack) {
      await pool.query(
        `INSERT INTO shoptel_alert_ack (alert_id, rule_id, acknowledged_at, acknowledged_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (alert_id) DO UPDATE SET acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by`,
        [ack.alertId, ack.ruleId, ack.acknowledgedAt, ack.acknowledgedBy],
      );
    },
    async loadAcknowledgements(ruleId) {
      const { rows } = await pool.query<{
        alert_id: string;
        rule_id: string;
        acknowledged_at: string;
        acknowledged_by: string;
      }>('SELECT * FROM shoptel_alert_ack WHERE rule_id = $1', [ruleId]);
      return rows.map(
        (r): Acknowledgement => ({
          alertId: r.alert_id,
          ruleId: r.rule_id,
          acknowledgedAt: Number(r.acknowledged_at),
          acknowledgedBy: r.acknowledged_by,
        }),
      );
    },
    async claimDueDeliveries(_owner, now, leaseMs, limit) {
      const { rows } = await pool.query<DeliveryRow & { claim_epoch: string }>(
        `WITH due AS (
           SELECT delivery_id FROM shoptel_delivery_outbox
           WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY next_attempt_at, created_at LIMIT $2
           FOR UPDATE SKIP LOCKED)
         UPDATE shoptel_delivery_outbox o SET lease_until = $1::bigint + $3::bigint, claim_epoch = o.claim_epoch + 1
         FROM due WHERE o.delivery_id = due.delivery_id
         RETURNING o.*`,
        [now, limit, leaseMs],
      );
      return rows.map(
        (row): ClaimedDelivery => ({ delivery: fromDeliveryRow(row), epoch: Number(row.claim_epoch) }),
      );
    },
    async beginAttempt(claim) {
      const result = await pool.query(
        `UPDATE shoptel_delivery_outbox SET attempts = attempts + 1
         WHERE delivery_id = $1 AND claim_epoch = $2 AND status = 'pending'`,
        [claim.delivery.deliveryId, claim.epoch],
      );
      return result.rowCount === 1;
    },
    async finishAttempt(claim, outcome) {
      const fence = [claim.delivery.deliveryId, claim.epoch];
      const result =
        outcome.kind === 'sent'
          ? await pool.query(
              `UPDATE shoptel_delivery_outbox SET status = 'sent', sent_at = $3, lease_until = NULL WHERE delivery_id = $1 AND claim_epoch = $2`,
              [...fence, outcome.at],
            )
          : outcome.kind === 'retry'
            ? await pool.query(
                `UPDATE shoptel_delivery_outbox SET next_attempt_at = $3, last_error = $4, lease_until = NULL WHERE delivery_id = $1 AND claim_epoch = $2`,
                [...fence, outcome.nextAttemptAt, outcome.error],
              )
            : await pool.query(
                `UPDATE shoptel_delivery_outbox SET status = 'failed', last_error = $3, lease_until = NULL WHERE delivery_id = $1 AND claim_epoch = $2`,
                [...fence, outcome.error],
              );
      return result.rowCount === 1;
    },
    async listDeliveries(ruleId) {
      const { rows } = await pool.query<DeliveryRow>(
        'SELECT * FROM shoptel_delivery_outbox WHERE $1::text IS NULL OR rule_id = $1 ORDER BY created_at, delivery_id',
        [ruleId ?? null],
      );
      return rows.map(fromDeliveryRow);
    },
    async prune(beforeMs) {
      await pool.query(`DELETE FROM shoptel_delivery_outbox WHERE status <> 'pending' AND created_at < $1`, [
        beforeMs,
      ]);
      await pool.query(`DELETE FROM shoptel_alert_silence WHERE (body::json->>'endsAt')::bigint < $1`, [
        beforeMs,
      ]);
    },
    async nextDueAt() {
      const { rows } = await pool.query<{ at: string | null }>(
        `SELECT min(at) AS at FROM (
           SELECT greatest(next_due_at, coalesce(lease_until, 0)) AS at FROM shoptel_rule_schedule
           UNION ALL
           SELECT greatest(next_attempt_at, coalesce(lease_until, 0)) FROM shoptel_delivery_outbox WHERE status = 'pending') due`,
      );
      return rows[0]?.at == null ? undefined : Number(rows[0].at);
    },
    async close() {
      await pool.end();
    },
  };
}
