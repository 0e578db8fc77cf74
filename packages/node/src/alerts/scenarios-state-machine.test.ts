// alerting-anchors.md §8, scenarios 1–4: for, blips, resolve once, keepFiringFor.
import { describe, expect, it } from 'vitest';
import { baseRule, channel, MIN, rows, SEC, startHarness, summary } from '../../test/alert-harness.js';

describe('§8.1 for timing', () => {
  it('stays pending at 0, 1m, 2m, fires at exactly 3m, notifies once at 3m30s', async () => {
    const h = await startHarness({ rule: baseRule({ for: '3m' }), script: () => rows(9) });
    await h.at(2 * MIN + 59 * SEC);
    expect((await h.engine.getActiveAlerts()).map((a) => a.status)).toEqual(['pending']);
    await h.at(3 * MIN);
    const [firing] = await h.engine.getActiveAlerts();
    expect(firing?.status).toBe('firing');
    expect(firing?.startsAt).toBe(new Date(h.t0 + 3 * MIN).toISOString());
    await h.at(3 * MIN + 29 * SEC);
    expect(h.sent).toEqual([]);
    await h.at(60 * MIN);
    expect(summary(h.sent)).toEqual(['webhook@3m30s firing×1']);
    expect(h.queries.slice(0, 4)).toEqual([0, MIN, 2 * MIN, 3 * MIN]);
  });
});

describe('§8.2 a short blip never pages', () => {
  it('true at 0 and 1m, false at 2m with for=3m: instance deleted, zero notifications', async () => {
    const h = await startHarness({ rule: baseRule({ for: '3m' }), script: (t) => rows(t < 2 * MIN ? 9 : 1) });
    await h.at(MIN);
    expect(await h.engine.getActiveAlerts()).toHaveLength(1);
    await h.at(2 * MIN);
    expect(await h.engine.getActiveAlerts()).toEqual([]);
    await h.at(6 * 60 * MIN);
    expect(h.sent).toEqual([]);
  });
});

describe('§8.3 resolve exactly once', () => {
  it('one resolved notification at the next flush with endsAt = t1, then nothing', async () => {
    const t1 = 10 * MIN;
    const h = await startHarness({ rule: baseRule(), script: (t) => rows(t < t1 ? 9 : 1) });
    await h.at(24 * 60 * MIN);
    // fired at 0 → first flush 30s; group ticks every 5m from there: 5m30s, 10m30s.
    expect(summary(h.sent)).toEqual(['webhook@30s firing×1', 'webhook@10m30s resolved×1']);
    expect(h.sent[1]?.alerts[0]?.endsAt).toBe(new Date(h.t0 + t1).toISOString());
    expect(h.sent[1]?.reason).toBe('resolved');
  });

  it('with sendResolved=false nothing is sent on resolve, and the next episode is a first notification', async () => {
    const h = await startHarness({
      rule: baseRule({ notifications: [channel('webhook', { sendResolved: false })] }),
      script: (t) => rows(t < 10 * MIN || t >= 60 * MIN ? 9 : 1),
    });
    await h.at(2 * 60 * MIN);
    expect(summary(h.sent)).toEqual(['webhook@30s firing×1', 'webhook@1h0m30s firing×1']);
    expect(h.sent.map((s) => s.reason)).toEqual(['first', 'first']);
  });
});

describe('§8.4 keepFiringFor stops flapping', () => {
  it('true/false alternating: no resolve, no re-fire; resolves exactly 5m after the last true evaluation', async () => {
    // true at even minutes 0..10, false at odd ones, then false for good from 11m.
    const lastTrue = 10 * MIN;
    const h = await startHarness({
      rule: baseRule({ keepFiringFor: '5m' }),
      script: (t) => rows(t <= lastTrue && (t / MIN) % 2 === 0 ? 9 : 1),
    });
    await h.at(lastTrue + 4 * MIN);
    expect((await h.engine.getActiveAlerts())[0]?.details.recovering).toBe(true);
    await h.at(lastTrue + 5 * MIN);
    const [alert] = await h.engine.getActiveAlerts();
    expect(alert?.status).toBe('resolved');
    expect(alert?.endsAt).toBe(new Date(h.t0 + lastTrue + 5 * MIN).toISOString());
    await h.at(3 * 60 * MIN);
    // resolved at 15m → next group tick 15m30s.
    expect(summary(h.sent)).toEqual(['webhook@30s firing×1', 'webhook@15m30s resolved×1']);
  });
});
