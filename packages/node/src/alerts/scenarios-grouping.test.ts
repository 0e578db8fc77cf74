// alerting-anchors.md §8, scenarios 5–6: grouping and repeat interval.
import { describe, expect, it } from 'vitest';
import { baseRule, HOUR, MIN, rows, SEC, startHarness, summary } from '../../test/alert-harness.js';

const host = (name: string, value: number) => [{ host: name }, value] as [Record<string, string>, number];

describe('§8.5 grouping', () => {
  it('three alerts firing within 20s go out as one notification; a late one waits for the next tick; one resolved inside group_wait is never sent', async () => {
    // Interval 10s (noted): a fires at 0, b at 10s, c at 20s; d is true only at 0 and resolves at 10s.
    const h = await startHarness({
      rule: baseRule({ evaluationInterval: '10s' }),
      script: (t) => {
        const list = [host('a', 9)];
        if (t >= 10 * SEC) list.push(host('b', 9));
        if (t >= 20 * SEC) list.push(host('c', 9));
        if (t >= 2 * MIN) list.push(host('e', 9));
        list.push(host('d', t === 0 ? 9 : 1));
        return rows(...list);
      },
    });
    await h.at(11 * MIN);
    expect(summary(h.sent)).toEqual(['webhook@30s firing×3', 'webhook@5m30s firing×4']);
    expect(h.sent[0]?.alerts.map((a) => a.labels.host).sort()).toEqual(['a', 'b', 'c']);
    expect(h.sent[1]?.reason).toBe('new_alerts');
    expect(h.sent.flatMap((s) => s.alerts).some((a) => a.labels.host === 'd')).toBe(false);
  });
});

describe('§8.6 repeat interval', () => {
  it('firing for 9h: notifications at 30s, 4h0m30s and 8h0m30s only', async () => {
    const h = await startHarness({ rule: baseRule(), script: () => rows(9) });
    await h.at(9 * HOUR);
    expect(summary(h.sent)).toEqual([
      'webhook@30s firing×1',
      'webhook@4h0m30s firing×1',
      'webhook@8h0m30s firing×1',
    ]);
    expect(h.sent.map((s) => s.reason)).toEqual(['first', 'repeat', 'repeat']);
  });

  it('repeat rounds up to a group tick, and a new alert joining notifies at the next tick and restarts the repeat clock', async () => {
    const h = await startHarness({
      rule: baseRule(),
      timings: { repeatIntervalMs: 4 * HOUR + 2 * MIN },
      script: (t) => rows(host('a', 9), ...(t >= HOUR - 3 * MIN ? [host('b', 9)] : [])),
    });
    await h.at(10 * HOUR);
    // b fires at 57m → tick 1h0m30s; repeat 4h2m rounds up to the tick 5h5m30s, then 9h10m30s.
    expect(summary(h.sent)).toEqual([
      'webhook@30s firing×1',
      'webhook@1h0m30s firing×2',
      'webhook@5h5m30s firing×2',
      'webhook@9h10m30s firing×2',
    ]);
  });
});
