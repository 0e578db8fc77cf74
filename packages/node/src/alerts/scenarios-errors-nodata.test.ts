// alerting-anchors.md §8, scenarios 7–8: query errors keep the last state; no-data and missing series.
import { describe, expect, it } from 'vitest';
import { baseRule, MIN, rows, SEC, startHarness, summary } from '../../test/alert-harness.js';

const named = (h: { sent: { alerts: { labels: Record<string, string> }[]; status: string; at: number }[] }) =>
  h.sent.map((s) => `${s.alerts[0]?.labels.alertname}:${s.status}@${s.at / SEC}s`);

describe('§8.7 a query error keeps the last state', () => {
  it('4 failed evaluations (500 and is_partial): still firing, health error, RuleEvaluationFailing fires after 3 and resolves on recovery; the alert is not re-announced', async () => {
    const failing = new Set([10, 11, 12, 13].map((m) => m * MIN));
    const h = await startHarness({
      rule: baseRule(),
      script: (t) => (failing.has(t) ? (t === 11 * MIN ? { partial: true } : { error: 500 }) : rows(9)),
    });
    await h.at(13 * MIN);
    const health = await h.engine.getRuleHealth('rule-1');
    expect(health).toMatchObject({ status: 'error', consecutiveErrors: 4 });
    const alerts = await h.engine.getActiveAlerts();
    expect(alerts.find((a) => a.labels.alertname === 'HighErrorRate')?.status).toBe('firing');
    expect(alerts.find((a) => a.labels.alertname === 'RuleEvaluationFailing')?.status).toBe('firing');
    await h.at(60 * MIN);
    expect(named(h)).toEqual([
      'HighErrorRate:firing@30s',
      'RuleEvaluationFailing:firing@750s', // fired at 12m (3rd error), group_wait 30s
      'RuleEvaluationFailing:resolved@1050s', // recovered at 14m, next tick 17m30s
    ]);
    expect((await h.engine.getRuleHealth('rule-1'))?.status).toBe('ok');
    expect(h.errors.filter((e) => e.reason === 'rule_evaluation_failed')).toHaveLength(4);
  });
});

describe('§8.8 no data and missing series', () => {
  it('onNoData=ok: zero rows resolve a firing alert', async () => {
    const h = await startHarness({ rule: baseRule(), script: (t) => (t < 5 * MIN ? rows(9) : rows()) });
    await h.at(5 * MIN);
    expect((await h.engine.getActiveAlerts())[0]).toMatchObject({
      status: 'resolved',
      details: { reason: 'nodata' },
    });
    await h.at(30 * MIN);
    expect(summary(h.sent)).toEqual(['webhook@30s firing×1', 'webhook@5m30s resolved×1']);
  });

  it('onNoData=alerting: zero rows fire after for', async () => {
    const h = await startHarness({
      rule: baseRule({ onNoData: 'alerting', for: '2m' }),
      script: () => rows(),
    });
    await h.at(MIN);
    expect((await h.engine.getActiveAlerts())[0]?.status).toBe('pending');
    await h.at(2 * MIN);
    expect((await h.engine.getActiveAlerts())[0]).toMatchObject({
      status: 'firing',
      details: { reason: 'nodata' },
    });
    await h.at(10 * MIN);
    expect(summary(h.sent)).toEqual(['webhook@2m30s firing×1']);
  });

  it('onNoData=keep_last: zero rows change nothing', async () => {
    const h = await startHarness({
      rule: baseRule({ onNoData: 'keep_last' }),
      script: (t) => (t < 5 * MIN ? rows(9) : rows()),
    });
    await h.at(60 * MIN);
    expect((await h.engine.getActiveAlerts())[0]?.status).toBe('firing');
    expect(summary(h.sent)).toEqual(['webhook@30s firing×1']);
  });

  it('one group missing for 1 evaluation stays firing; missing for 2 resolves with reason missing', async () => {
    const h = await startHarness({
      rule: baseRule(),
      script: (t) =>
        rows(
          [{ host: 'a' }, 9],
          ...(t < 5 * MIN ? [[{ host: 'b' }, 9] as [Record<string, string>, number]] : []),
        ),
    });
    await h.at(5 * MIN);
    const b = async () => (await h.engine.getActiveAlerts()).find((a) => a.labels.host === 'b');
    expect((await b())?.status).toBe('firing');
    await h.at(6 * MIN);
    expect(await b()).toMatchObject({
      status: 'resolved',
      details: { reason: 'missing' },
      endsAt: new Date(h.t0 + 6 * MIN).toISOString(),
    });
    await h.at(30 * MIN);
    expect(summary(h.sent)).toEqual(['webhook@30s firing×2', 'webhook@10m30s firing×2']);
    expect(h.sent[1]?.alerts.map((a) => `${a.labels.host}:${a.status}`)).toEqual(['a:firing', 'b:resolved']);
  });
});
