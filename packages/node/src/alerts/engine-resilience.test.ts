import { describe, expect, it } from 'vitest';
import { baseRule, MIN, rows, startHarness, summary } from '../../test/alert-harness.js';
import type { AlertStore } from './alert-store.js';
import { createMemoryAlertStore } from './create-memory-alert-store.js';

describe('engine resilience', () => {
  it('a store outage is reported and the engine carries on when the store is back', async () => {
    const inner = createMemoryAlertStore();
    let down = false;
    const store: AlertStore = {
      ...inner,
      claimDueRules: (...args) =>
        down ? Promise.reject(new Error('connection refused')) : inner.claimDueRules(...args),
      nextDueAt: () => (down ? Promise.reject(new Error('connection refused')) : inner.nextDueAt()),
    };
    const h = await startHarness({
      rule: baseRule(),
      script: (t) => rows(t >= 10 * MIN ? 9 : 1),
      store,
      timings: { pollIntervalMs: 10_000 },
    });
    await h.at(2 * MIN);
    down = true;
    await h.at(5 * MIN);
    expect(
      h.errors.some((e) => e.reason === 'store_failed' && e.message.includes('connection refused')),
    ).toBe(true);
    down = false;
    await h.at(20 * MIN);
    expect(summary(h.sent)).toEqual(['webhook@10m30s firing×1']);
  });

  it('a rule whose queries fail from start-up still raises RuleEvaluationFailing', async () => {
    const h = await startHarness({
      rule: baseRule(),
      script: (t) => (t < 3 * MIN ? { error: 500 } : rows(9)),
    });
    await h.at(10 * MIN);
    expect(h.sent.map((s) => `${s.alerts[0]?.labels.alertname} ${s.status}@${s.at / 1000}s`)).toEqual([
      'RuleEvaluationFailing firing@150s',
      'HighErrorRate firing@210s',
      'RuleEvaluationFailing resolved@450s',
    ]);
  });
});

describe('engine configuration', () => {
  it('takes the default evaluation interval from the seed config (alerts.evaluationIntervalSeconds)', async () => {
    const { createAlertEngine } = await import('./create-alert-engine.js');
    const engine = createAlertEngine({
      config: { alerts: { evaluationIntervalSeconds: 30 } },
      store: createMemoryAlertStore(),
      notifiers: {},
    });
    const { evaluationInterval: _omit, ...input } = baseRule();
    expect((await engine.createRule(input)).evaluationInterval).toBe('30s');
  });

  it('refuses a bad config at creation, naming the field', async () => {
    const { createAlertEngine } = await import('./create-alert-engine.js');
    expect(() =>
      createAlertEngine({ config: { url: 'not a url' }, store: createMemoryAlertStore(), notifiers: {} }),
    ).toThrow(/url/);
  });
});
