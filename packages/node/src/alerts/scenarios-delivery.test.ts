// alerting-anchors.md §8, scenarios 13–14 on the fake clock: retry classification, the per-channel
// ledger, timeouts. The real wire (signatures, Retry-After parsing, SMTP codes) is tested against
// real servers in notifiers/*.test.ts.
import { describe, expect, it } from 'vitest';
import { baseRule, channel, MIN, NotifierError, rows, SEC, startHarness } from '../../test/alert-harness.js';

const status = (code: number, retryAfterMs?: number) =>
  new NotifierError(`answered ${code}`, {
    retryable: code === 429 || code >= 500,
    kind: 'status',
    status: code,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
const times = (list: { at: number; type: string }[], type: string) =>
  list.filter((a) => a.type === type).map((a) => a.at / SEC);

describe('§8.13 retry classification and ledger', () => {
  it('webhook 503, 503, 200: three attempts at 30s, +1s, +2s (jitter pinned to 0)', async () => {
    const h = await startHarness({ rule: baseRule(), script: () => rows(9) });
    h.answer('webhook', (a) => (a.attempt < 3 ? status(503) : 'ok'));
    await h.at(5 * MIN);
    expect(times(h.attempts, 'webhook')).toEqual([30, 31, 33]);
    expect(new Set(h.attempts.map((a) => a.deliveryId)).size).toBe(1);
    expect(h.sent).toHaveLength(1);
  });

  it('webhook 400: NotificationDeliveryFailing goes to the other channels, never to the webhook, and resolves when the webhook works again', async () => {
    const h = await startHarness({
      rule: baseRule({ notifications: [channel('webhook'), channel('slack')] }),
      script: (t) => rows(t < 10 * MIN ? 9 : 1),
    });
    h.answer('webhook', (a) => (a.status === 'firing' ? status(400) : 'ok'));
    await h.at(30 * MIN);
    const sent = h.sent
      .map((s) => `${s.type}@${s.at / SEC}s ${s.alerts[0]?.labels.alertname} ${s.status}`)
      .sort();
    expect(sent).toEqual([
      'slack@30s HighErrorRate firing',
      'slack@630s HighErrorRate resolved',
      'slack@690s NotificationDeliveryFailing resolved',
      'slack@90s NotificationDeliveryFailing firing',
      'webhook@630s HighErrorRate resolved',
    ]);
    expect(
      h.sent.find((s) => s.alerts[0]?.labels.alertname === 'NotificationDeliveryFailing')?.alerts[0]?.labels
        .channel,
    ).toBe('notifications[0]');
  });

  it('webhook 400: one attempt, delivery marked failed, failure reported', async () => {
    const h = await startHarness({ rule: baseRule(), script: () => rows(9) });
    h.answer('webhook', () => status(400));
    await h.at(5 * MIN);
    expect(times(h.attempts, 'webhook')).toEqual([30]);
    const [delivery] = await h.store.listDeliveries();
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastError: 'answered 400' });
    expect(h.errors).toMatchObject([{ reason: 'notification_failed', deliveryId: delivery?.deliveryId }]);
  });

  it('Slack 429 with Retry-After 7: the next attempt is 7s later', async () => {
    const h = await startHarness({
      rule: baseRule({ notifications: [channel('slack')] }),
      script: () => rows(9),
    });
    h.answer('slack', (a) => (a.attempt === 1 ? status(429, 7000) : 'ok'));
    await h.at(5 * MIN);
    expect(times(h.attempts, 'slack')).toEqual([30, 37]);
  });

  it('Slack OK and webhook failing: retries go to the webhook only, Slack is hit exactly once', async () => {
    const h = await startHarness({
      rule: baseRule({ notifications: [channel('slack'), channel('webhook')] }),
      script: () => rows(9),
    });
    h.answer('webhook', (a) => (a.attempt < 4 ? status(502) : 'ok'));
    await h.at(5 * MIN);
    expect(times(h.attempts, 'slack')).toEqual([30]);
    expect(times(h.attempts, 'webhook')).toEqual([30, 31, 33, 37]);
  });
});

describe('§8.14 timeouts', () => {
  it('a webhook answering after the 15s timeout is retried with the same delivery id', async () => {
    const h = await startHarness({ rule: baseRule(), script: () => rows(9) });
    h.answer('webhook', (a) => (a.attempt === 1 ? { delayMs: 20 * SEC } : 'ok'));
    await h.at(5 * MIN);
    // 30s + 15s timeout + 1s backoff
    expect(times(h.attempts, 'webhook')).toEqual([30, 46]);
    expect(h.attempts[0]?.deliveryId).toBe(h.attempts[1]?.deliveryId);
    expect(h.sent.map((s) => s.attempt)).toEqual([2]);
  });

  it('an SMS that times out is retried at most once (Twilio has no idempotency key)', async () => {
    const h = await startHarness({
      rule: baseRule({ notifications: [channel('sms')] }),
      script: () => rows(9),
    });
    h.answer('sms', () => ({ delayMs: 60 * SEC }));
    await h.at(10 * MIN);
    expect(times(h.attempts, 'sms')).toEqual([30, 41]);
    expect((await h.store.listDeliveries())[0]?.status).toBe('failed');
  });
});
