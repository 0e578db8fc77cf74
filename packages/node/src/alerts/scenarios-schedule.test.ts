// alerting-anchors.md §8, scenario 15: mute windows across DST, evaluation slots that never pile up.
import { settlePromises } from '@shoptel/core/testing';
import { describe, expect, it } from 'vitest';
import { baseRule, HOUR, MIN, RULE_ID, rows, startHarness, summary } from '../../test/alert-harness.js';
import { slotAtOrBefore, slotOffsetMs } from './evaluation-slot.js';

describe('§8.15 mute windows and time zones', () => {
  it('22:00–07:00 Europe/Paris mutes across the spring DST change; the notification is deferred to 07:00:30 local, not lost', async () => {
    // Saturday 2026-03-28 22:10 in Paris is 21:10 UTC (CET); on Sunday 29 clocks jump to CEST.
    const t0 = slotAtOrBefore(Date.UTC(2026, 2, 28, 21, 10), MIN, slotOffsetMs(RULE_ID, MIN)) + MIN;
    const h = await startHarness({
      t0,
      rule: baseRule({
        suppressions: [
          {
            id: 'night',
            name: 'night',
            condition: '',
            timeWindow: '22:00-07:00',
            timeZone: 'Europe/Paris',
            enabled: true,
          },
        ],
      }),
      script: () => rows(9),
    });
    await h.at(9 * HOUR); // before the 4h repeat of a 07:00 notification
    expect(h.sent).toHaveLength(1);
    const sentAt = new Date(t0 + (h.sent[0]?.at ?? 0));
    // The first group tick at or after 07:00 CEST (05:00 UTC); 06:00 UTC would mean DST was ignored.
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(sentAt);
    expect(local).toBe('07:00');
    expect(sentAt.getTime() - Date.UTC(2026, 2, 29, 5, 0)).toBeLessThan(5 * MIN);
    expect(sentAt.getTime()).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 29, 5, 0));
  });
});

describe('§8.15 scheduler slotting', () => {
  it('a query taking 90s with a 60s interval skips the next slot (counted), with no catch-up burst', async () => {
    const h = await startHarness({
      rule: baseRule(),
      timings: { queryTimeoutMs: 120_000 },
      script: (t) => (t === 0 ? { ...rows(1), latencyMs: 90_000 } : rows(1)),
    });
    await h.at(5 * MIN);
    expect(h.queries).toEqual([0, 2 * MIN, 3 * MIN, 4 * MIN, 5 * MIN]);
    expect((await h.engine.getRuleHealth(RULE_ID))?.missedSlots).toBe(1);
  });

  it('the clock jumping 1h gives one evaluation, not 60', async () => {
    const h = await startHarness({ rule: baseRule(), script: () => rows(9) });
    expect(h.queries).toEqual([0]);
    h.clock.advance(HOUR); // synchronous: timers fire, the async work runs only after the jump
    for (let i = 0; i < 5; i++) await settlePromises();
    expect(h.queries).toEqual([0, HOUR]);
    expect((await h.engine.getRuleHealth(RULE_ID))?.missedSlots).toBe(59);
    await h.at(HOUR + 2 * MIN);
    expect(h.queries).toEqual([0, HOUR, HOUR + MIN, HOUR + 2 * MIN]);
    // the 30s flush timer came due during the jump, so the first notification goes out at 1h.
    expect(summary(h.sent)).toEqual(['webhook@1h0m firing×1']);
  });
});
