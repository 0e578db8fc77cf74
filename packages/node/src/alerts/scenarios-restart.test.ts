// alerting-anchors.md §8.11: kill the engine and restart it on the same SQLite file. "Kill" is
// real abandonment: the old engine's fake clock is never advanced again, so it never runs another
// line; the new engine opens the file with its own connection and clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@shoptel/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  baseRule,
  type Harness,
  HOUR,
  MIN,
  rows,
  type Script,
  SEC,
  startHarness,
  summary,
} from '../../test/alert-harness.js';
import { openSqliteAlertStore } from './open-sqlite-alert-store.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs engine A until `killAt`, abandons it, and starts engine B on the same file at `restartAt`. */
async function killAndRestart(
  rule: ReturnType<typeof baseRule>,
  script: Script,
  killAt: number,
  restartAt: number,
) {
  dir = mkdtempSync(join(tmpdir(), 'shoptel-alerts-'));
  const file = join(dir, 'alerts.db');
  const a = await startHarness({ rule, script, store: await openSqliteAlertStore(file) });
  await a.at(killAt);
  const b = await startHarness({
    rule,
    script,
    t0: a.t0,
    clock: createFakeClock(a.t0 + restartAt),
    store: await openSqliteAlertStore(file),
    owner: 'engine-b',
  });
  const all = (): Harness['sent'] => [...a.sent, ...b.sent];
  return { a, b, all };
}

describe('§8.11 restart persistence (SQLite file)', () => {
  it('killed mid-firing: the firing alert is not re-paged after restart, and its resolve still arrives once', async () => {
    const { a, b, all } = await killAndRestart(
      baseRule(),
      (t) => rows(t < 20 * MIN ? 9 : 1),
      2 * MIN + 30 * SEC,
      12 * MIN + 30 * SEC,
    );
    await b.at(13 * MIN);
    expect((await b.engine.getActiveAlerts())[0]?.status).toBe('firing');
    await b.at(HOUR);
    expect(summary(a.sent)).toEqual(['webhook@30s firing×1']);
    expect(summary(b.sent)).toEqual(['webhook@20m30s resolved×1']);
    expect(all()).toHaveLength(2);
  });

  it('killed mid-for: the pending alert fires at its original time plus the downtime, after one evaluation', async () => {
    // for=5m, true from 0. A's last evaluation is at 2m; B starts at 12m30s and evaluates the latest
    // slot, 12m: the 9 slots 3m…11m were down, so the alert fires at 5m + 9m = 14m, not at 12m.
    const { b, all } = await killAndRestart(
      baseRule({ for: '5m' }),
      () => rows(9),
      2 * MIN + 30 * SEC,
      12 * MIN + 30 * SEC,
    );
    await b.at(13 * MIN + 59 * SEC);
    expect((await b.engine.getActiveAlerts())[0]?.status).toBe('pending');
    expect(b.queries[0]).toBe(12 * MIN);
    await b.at(HOUR);
    expect((await b.engine.getActiveAlerts())[0]?.startsAt).toBe(new Date(b.t0 + 14 * MIN).toISOString());
    expect(summary(all())).toEqual(['webhook@14m30s firing×1']);
  });

  it('a resolve that happened during the downtime is delivered exactly once', async () => {
    const { a, b } = await killAndRestart(
      baseRule(),
      (t) => rows(t < 5 * MIN ? 9 : 1),
      2 * MIN + 30 * SEC,
      12 * MIN + 30 * SEC,
    );
    await b.at(2 * HOUR);
    expect(summary(a.sent)).toEqual(['webhook@30s firing×1']);
    // B's first evaluation (slot 12m, run at 12m30s) resolves it; the group's flush was overdue.
    expect(summary(b.sent)).toEqual(['webhook@12m30s resolved×1']);
    expect(b.sent[0]?.alerts[0]?.endsAt).toBe(new Date(b.t0 + 12 * MIN).toISOString());
  });

  it('a resolve left unsent in the outbox by the killed engine is delivered once by the next one', async () => {
    const script: Script = (t) => rows(t < 10 * MIN ? 9 : 1);
    dir = mkdtempSync(join(tmpdir(), 'shoptel-alerts-'));
    const file = join(dir, 'alerts.db');
    const a = await startHarness({ rule: baseRule(), script, store: await openSqliteAlertStore(file) });
    // A hangs sending the resolve (never answers), then dies.
    a.answer('webhook', (s) => (s.status === 'resolved' ? { delayMs: 10 * HOUR } : 'ok'));
    await a.at(10 * MIN + 40 * SEC); // dies before its 15s attempt timeout
    expect(a.attempts.map((s) => `${s.status}@${s.at / SEC}s`)).toEqual(['firing@30s', 'resolved@630s']);
    const b = await startHarness({
      rule: baseRule(),
      script,
      t0: a.t0,
      clock: createFakeClock(a.t0 + 20 * MIN),
      store: await openSqliteAlertStore(file),
      owner: 'engine-b',
    });
    await b.at(HOUR);
    expect(summary(a.sent)).toEqual(['webhook@30s firing×1']);
    expect(summary(b.sent)).toEqual(['webhook@20m resolved×1']);
    expect(b.sent[0]?.deliveryId).toBe(a.attempts[1]?.deliveryId);
  });

  it('a downtime longer than 1h starts pending from scratch', async () => {
    const { b, all } = await killAndRestart(
      baseRule({ for: '5m' }),
      () => rows(9),
      2 * MIN + 30 * SEC,
      2 * HOUR,
    );
    await b.at(3 * HOUR);
    expect(summary(all())).toEqual(['webhook@2h5m30s firing×1']);
    expect(b.queries[0]).toBe(2 * HOUR);
  });
});
