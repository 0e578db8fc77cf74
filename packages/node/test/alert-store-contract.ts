// The AlertStore contract, run against every store (memory, SQLite, PostgreSQL).
import { isSqlFragment, sql } from '@shoptel/core';
import { expect, it } from 'vitest';
import type { AlertStore } from '../src/alerts/alert-store.js';
import type { AlertRule } from '../src/alerts/alert-types.js';
import type { DeliveryRecord } from '../src/alerts/delivery-record.js';
import { emptyRuleState } from '../src/alerts/rule-state.js';

/** A complete rule with the given id, as the stores' tests save it. */
export const rule = (id: string): AlertRule => ({
  id,
  name: 'PaymentFailures',
  description: 'share of failed payments',
  enabled: true,
  condition: sql`SELECT count(*) AS value FROM ${sql.id('business_events')} WHERE action = ${"it's failed"}`,
  severity: 'high',
  threshold: 5,
  operator: '>',
  timeWindow: '5m',
  evaluationInterval: '1m',
  notifications: [{ type: 'webhook', enabled: true, config: { url: 'http://127.0.0.1:1/hook' } }],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const delivery = (ruleId: string, flushSeq: string, epoch: number): DeliveryRecord => ({
  deliveryId: `msg_${ruleId}_${flushSeq}`,
  ruleId,
  channelKey: 'notifications[0]',
  groupKey: `${ruleId}:{}`,
  flushSeq,
  channel: { type: 'webhook', enabled: true, config: {} },
  message: {
    version: '4',
    groupKey: `${ruleId}:{}`,
    status: 'firing',
    receiver: 'notifications[0]',
    ruleId,
    ruleName: 'x',
    severity: 'high',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    notificationReason: 'first',
    alerts: [],
  },
  ruleEpoch: epoch,
  createdAt: 1000,
  nextAttemptAt: 1000,
  attempts: 0,
  status: 'pending',
});

/** Defines the contract's tests; `open` gives a fresh, empty store (two calls may share a database). */
export function alertStoreContract(
  open: () => Promise<AlertStore>,
  openSecond?: () => Promise<AlertStore>,
): void {
  it('keeps rules, a SQL condition staying a sql fragment', async () => {
    const store = await open();
    await store.saveRule(rule('r1'), 60_000);
    const [loaded] = await store.loadRules();
    expect(isSqlFragment(loaded?.condition)).toBe(true);
    expect((loaded!.condition as { text: string }).text).toBe(
      `SELECT count(*) AS value FROM "business_events" WHERE action = 'it''s failed'`,
    );
    await store.close();
  });

  it('leases a due rule once; a stale epoch commits nothing, state or outbox', async () => {
    const store = await open();
    const other = openSecond ? await openSecond() : store;
    await store.saveRule(rule('r2'), 1000);
    const [first] = await store.claimDueRules('a', 1000, 500, 10);
    expect(first?.ruleId).toBe('r2');
    expect(await other.claimDueRules('b', 1200, 500, 10)).toEqual([]);
    expect(await other.claimRule('r2', 'b', 1200, 500)).toBeUndefined();
    const second = await other.claimRule('r2', 'b', 1600, 500); // a's lease ran out at 1500
    expect(second?.epoch).toBe((first?.epoch ?? 0) + 1);
    const stale = await store.commitRuleState(first!, emptyRuleState(60_000), 60_000, [
      delivery('r2', 'f1', first!.epoch),
    ]);
    expect(stale).toBe(false);
    expect(await store.loadRuleState('r2')).toBeUndefined();
    expect(await store.listDeliveries()).toEqual([]);
    expect(
      await other.commitRuleState(second!, emptyRuleState(60_000), 60_000, [
        delivery('r2', 'f1', second!.epoch),
      ]),
    ).toBe(true);
    expect((await store.loadRuleState('r2'))?.nextSlotAt).toBe(60_000);
    expect((await store.listDeliveries()).map((d) => d.deliveryId)).toEqual(['msg_r2_f1']);
    if (other !== store) await other.close();
    await store.close();
  });

  it('keeps one outbox row per (rule, channel, group, flush)', async () => {
    const store = await open();
    await store.saveRule(rule('r3'), 1000);
    for (let i = 0; i < 2; i++) {
      const lease = await store.claimRule('r3', 'a', 1000 + i * 10, 5);
      expect(
        await store.commitRuleState(lease!, emptyRuleState(60_000), 60_000, [
          delivery('r3', 'f1', lease!.epoch),
        ]),
      ).toBe(true);
    }
    expect(await store.listDeliveries()).toHaveLength(1);
    await store.close();
  });

  it('fences delivery attempts: an engine whose delivery lease was taken over cannot send', async () => {
    const store = await open();
    const other = openSecond ? await openSecond() : store;
    await store.saveRule(rule('r4'), 1000);
    const lease = await store.claimRule('r4', 'a', 1000, 500);
    await store.commitRuleState(lease!, emptyRuleState(60_000), 60_000, [delivery('r4', 'f1', lease!.epoch)]);
    const [a] = await store.claimDueDeliveries('a', 1000, 100, 10);
    expect(await other.claimDueDeliveries('b', 1050, 100, 10)).toEqual([]);
    const [b] = await other.claimDueDeliveries('b', 1200, 100, 10);
    expect(b?.epoch).toBe((a?.epoch ?? 0) + 1);
    expect(await store.beginAttempt(a!)).toBe(false);
    expect(await other.beginAttempt(b!)).toBe(true);
    expect(await store.finishAttempt(a!, { kind: 'sent', at: 1300 })).toBe(false);
    expect(await other.finishAttempt(b!, { kind: 'sent', at: 1300 })).toBe(true);
    expect(await store.listDeliveries()).toMatchObject([{ status: 'sent', attempts: 1, sentAt: 1300 }]);
    expect(await store.claimDueDeliveries('a', 5000, 100, 10)).toEqual([]);
    if (other !== store) await other.close();
    await store.close();
  });

  it('prunes finished deliveries and ended silences older than the retention, nothing pending', async () => {
    const store = await open();
    await store.saveRule(rule('r6'), 1000);
    const lease = await store.claimRule('r6', 'a', 1000, 500);
    const rows = ['sent', 'failed', 'pending'].map(
      (status, i) => ({ ...delivery('r6', `f${i}`, lease!.epoch), status }) as DeliveryRecord,
    );
    await store.commitRuleState(lease!, emptyRuleState(60_000), 60_000, [
      ...rows,
      { ...delivery('r6', 'late', lease!.epoch), status: 'sent', createdAt: 9000 },
    ]);
    const silence = { matchers: [], createdBy: '', comment: '', updatedAt: 0, startsAt: 0 };
    await store.saveSilence({ ...silence, id: 'old', endsAt: 1500 });
    await store.saveSilence({ ...silence, id: 'new', endsAt: 9000 });
    await store.prune(5000);
    expect((await store.listDeliveries()).map((d) => d.flushSeq).sort()).toEqual(['f2', 'late']);
    expect((await store.loadSilences()).map((s) => s.id)).toEqual(['new']);
    await store.close();
  });

  it('keeps silences and acknowledgements', async () => {
    const store = await open();
    const silence = {
      id: 's1',
      matchers: [{ name: 'host', value: 'web-.*', isRegex: true, isEqual: true }],
      startsAt: 1,
      endsAt: 2,
      createdBy: 'me',
      comment: '',
      updatedAt: 1,
    };
    await store.saveSilence(silence);
    await store.saveSilence({ ...silence, endsAt: 5 });
    expect(await store.loadSilences()).toEqual([{ ...silence, endsAt: 5 }]);
    await store.saveAcknowledgement({
      alertId: 'r5:abc',
      ruleId: 'r5',
      acknowledgedAt: 7,
      acknowledgedBy: 'alice',
    });
    expect(await store.loadAcknowledgements('r5')).toEqual([
      { alertId: 'r5:abc', ruleId: 'r5', acknowledgedAt: 7, acknowledgedBy: 'alice' },
    ]);
    await store.close();
  });
}
