// alerting-anchors.md §8, scenarios 9–10: silence lifecycle and escalation.
import { describe, expect, it } from 'vitest';
import { baseRule, channel, MIN, rows, SEC, startHarness, summary } from '../../test/alert-harness.js';
import { matchesLabels, parseLabelMatchers } from './label-matchers.js';

describe('§8.9 silence lifecycle', () => {
  it('a silence that starts in the future does not suppress early', async () => {
    const h = await startHarness({ rule: baseRule(), script: () => rows(9) });
    await h.engine.silence('{alertname="HighErrorRate"}', h.t0 + 10 * MIN, h.t0 + 40 * MIN);
    await h.at(MIN);
    expect(summary(h.sent)).toEqual(['webhook@30s firing×1']);
  });

  it('while active the alert stays firing and nothing is sent; the first flush after endsAt sends it', async () => {
    const h = await startHarness({ rule: baseRule(), script: (t) => rows(t >= 12 * MIN ? 9 : 1) });
    await h.engine.silence('{alertname="HighErrorRate"}', h.t0 + 10 * MIN, h.t0 + 40 * MIN);
    await h.at(39 * MIN);
    expect(h.sent).toEqual([]);
    expect((await h.engine.getActiveAlerts())[0]?.status).toBe('suppressed');
    await h.at(2 * 60 * MIN);
    // group created at 12m → ticks 12m30s + k·5m; first after 40m is 42m30s.
    expect(summary(h.sent)).toEqual(['webhook@42m30s firing×1']);
  });

  it('regex matchers are anchored', () => {
    expect(matchesLabels(parseLabelMatchers('{host=~"web"}'), { host: 'web-1' })).toBe(false);
    expect(matchesLabels(parseLabelMatchers('{host=~"web.*"}'), { host: 'web-1' })).toBe(true);
    expect(
      matchesLabels(parseLabelMatchers('{host!~"web.*", env!="dev"}'), { host: 'db-1', env: 'prod' }),
    ).toBe(true);
  });

  it('changing the matchers of an active silence expires it under a new id; an expired silence cannot be extended', async () => {
    const h = await startHarness({ rule: baseRule(), script: () => rows(1) });
    const first = await h.engine.silence('{host="a"}', h.t0, h.t0 + 30 * MIN);
    await h.at(5 * MIN);
    const second = await h.engine.updateSilence(first.id, { matchers: '{host="b"}' });
    expect(second.id).not.toBe(first.id);
    const all = await h.engine.getSilences();
    expect(all.find((s) => s.id === first.id)?.endsAt).toBe(h.t0 + 5 * MIN);
    await expect(h.engine.updateSilence(first.id, { endsAt: h.t0 + 60 * MIN })).rejects.toThrow(/expired/);
    const extended = await h.engine.updateSilence(second.id, { endsAt: h.t0 + 50 * MIN });
    expect(extended).toMatchObject({ id: second.id, endsAt: h.t0 + 50 * MIN });
    await h.at(10 * MIN);
    await expect(h.engine.updateSilence(second.id, { endsAt: h.t0 + 7 * MIN })).rejects.toThrow(/past/);
  });
});

const escalating = () =>
  baseRule({
    notifications: [channel('slack')],
    escalation: [
      {
        id: 'sms-primary',
        name: 'page on-call',
        condition: '',
        timeWindow: '15m',
        targetNotifications: [channel('sms', { to: '+15550100' })],
        enabled: true,
      },
    ],
  });
const sms = (h: { sent: { type: string; at: number }[] }) =>
  h.sent.filter((s) => s.type === 'sms').map((s) => s.at / SEC);

describe('§8.10 escalation', () => {
  it('firing and unacknowledged: Slack at 30s, SMS (critical) at 15m30s', async () => {
    const h = await startHarness({ rule: escalating(), script: () => rows(9) });
    await h.at(60 * MIN);
    expect(summary(h.sent)).toEqual(['slack@30s firing×1', 'sms@15m30s firing×1']);
    expect(h.sent[1]?.message.severity).toBe('critical');
    expect((await h.engine.getActiveAlerts())[0]?.severity).toBe('critical');
  });

  it('an acknowledgement at 10m cancels the SMS', async () => {
    const h = await startHarness({ rule: escalating(), script: () => rows(9) });
    await h.at(10 * MIN);
    const [alert] = await h.engine.getActiveAlerts();
    await h.engine.acknowledge(alert!.id, 'alice');
    await h.at(60 * MIN);
    expect(summary(h.sent)).toEqual(['slack@30s firing×1']);
    expect((await h.engine.getActiveAlerts())[0]?.acknowledgedAt).toBe(
      new Date(h.t0 + 10 * MIN).toISOString(),
    );
  });

  it('a resolve before 15m cancels it', async () => {
    const h = await startHarness({ rule: escalating(), script: (t) => rows(t < 12 * MIN ? 9 : 1) });
    await h.at(60 * MIN);
    expect(sms(h)).toEqual([]);
    expect(summary(h.sent)).toEqual(['slack@30s firing×1', 'slack@15m30s resolved×1']);
  });

  it('a silence from 5m to 8m pauses the chain, which resumes when it expires: SMS at 18m30s', async () => {
    const h = await startHarness({ rule: escalating(), script: () => rows(9) });
    await h.engine.silence('{alertname="HighErrorRate"}', h.t0 + 5 * MIN, h.t0 + 8 * MIN);
    await h.at(60 * MIN);
    expect(sms(h)).toEqual([18 * 60 + 30]);
  });
});
