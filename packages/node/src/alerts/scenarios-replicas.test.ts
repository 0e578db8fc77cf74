// alerting-anchors.md §8.12: two engines, one store (one SQLite file, a connection each), one fake
// clock. Engine A freezes mid-lease (its query never answers until thawed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseRule, MIN, rows, type Script, startHarness, summary } from '../../test/alert-harness.js';
import { openSqliteAlertStore } from './open-sqlite-alert-store.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('§8.12 two replicas, one store', () => {
  it('each slot is evaluated once and each notification sent once; a frozen owner loses its lease and its late write is refused', async () => {
    dir = mkdtempSync(join(tmpdir(), 'shoptel-replicas-'));
    const file = join(dir, 'alerts.db');
    const truth = (t: number) => rows(t < 20 * MIN ? 9 : 1);
    let frozenSlot: number | undefined;
    // A freezes on its first query at or after 20m: the evaluation that would resolve the alert.
    const scriptA: Script = (t) => {
      if (frozenSlot === undefined && t >= 20 * MIN) {
        frozenSlot = t;
        return { ...truth(t), freeze: true };
      }
      return truth(t);
    };
    // The frozen query must outlive the lease (90s), not time out first.
    const timings = { pollIntervalMs: 10_000, queryTimeoutMs: 3_600_000, leaseMs: 90_000 };
    const a = await startHarness({
      rule: baseRule(),
      script: scriptA,
      store: await openSqliteAlertStore(file),
      timings,
      owner: 'engine-a',
      start: false,
    });
    const b = await startHarness({
      rule: baseRule(),
      script: truth,
      store: await openSqliteAlertStore(file),
      timings,
      owner: 'engine-b',
      clock: a.clock,
      t0: a.t0,
      start: false,
    });
    await a.engine.createRule(baseRule());
    await a.engine.start();
    await b.engine.start();
    await a.at(40 * MIN);
    a.thaw();
    await a.at(60 * MIN);

    const slots = [...a.queries, ...b.queries].sort((x, y) => x - y);
    expect(frozenSlot).toBeDefined();
    // Every slot evaluated exactly once by one of them (A's frozen one included, its result discarded).
    expect(slots).toEqual(Array.from({ length: 61 }, (_, i) => i * MIN));
    expect(summary([...a.sent, ...b.sent].sort((x, y) => x.at - y.at))).toEqual([
      'webhook@30s firing×1',
      expect.stringMatching(/^webhook@2\dm\d*s? resolved×1$/),
    ]);
    expect(a.errors.filter((e) => e.reason === 'lease_lost')).toHaveLength(1);
    expect(b.errors).toEqual([]);
  });
});
