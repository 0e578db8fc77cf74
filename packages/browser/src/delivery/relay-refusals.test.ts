import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';
import { type Collector, eventually, startCollector } from '../../test/start-collector.js';

let collector: Collector;
beforeEach(async () => {
  collector = await startCollector();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${collector.url}/`);
});
afterEach(() => collector.close());

describe('lines the relay refuses', () => {
  it('are reported as rejected_by_relay, with their count, and not sent again', async () => {
    collector.refuse = (event) => (event.event_type === 'SEARCH' ? 'search_query is too long' : undefined);
    const { client, problems } = startHarness({
      endpoint: `${collector.url}/shoptel`,
      autoCapture: false,
      consent: 'granted',
      flushIntervalMs: 60_000,
    });
    client.trackSearch({ query: 'boots' });
    client.trackPageView();
    client.trackSearch({ query: 'socks' });
    await client.flush();
    await eventually(() => expect(collector.requests).toHaveLength(1));
    // The tests run the debug build's code: its message carries the relay's reasons.
    expect(problems).toEqual([
      {
        reason: 'rejected_by_relay',
        count: 2,
        message: 'search_query is too long; search_query is too long',
      },
    ]);
    // Refused is an answer, not a failure: nothing is retried or kept for the next page.
    await client.flush();
    expect(collector.requests).toHaveLength(1);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('shoptel.q.'))).toEqual([]);
  });

  it('a 2xx without the relay body (a proxy, an empty 204) reports nothing', async () => {
    const { client, problems } = startHarness({
      endpoint: `${collector.url}/shoptel`,
      autoCapture: false,
      consent: 'granted',
    });
    collector.answers.push(204);
    client.trackPageView();
    await client.flush();
    await eventually(() => expect(collector.requests).toHaveLength(1));
    expect(problems).toEqual([]);
  });
});
