import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';
import { type Collector, eventually, startCollector } from '../../test/start-collector.js';
import type { BehaviorRecord } from '../events/behavior-record.js';

let collector: Collector;
beforeEach(async () => {
  collector = await startCollector();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${collector.url}/`);
});
afterEach(() => collector.close());

describe('beforeSend', () => {
  it('drops and reports what is not an event (a promise, a string, an array, unserializable), and loses nothing after it', async () => {
    // What a storefront's hook returns by mistake: an async hook, a value, a copy in an array.
    const wrong: ((event: BehaviorRecord) => unknown)[] = [
      async (event) => event,
      () => 'garbage',
      (event) => [event],
      (event) => ({ ...event, event_id: undefined }),
      (event) => Object.assign(event, { big: 1n }),
    ];
    const { client, problems } = startHarness({
      endpoint: `${collector.url}/shoptel`,
      autoCapture: false,
      consent: 'granted',
      flushIntervalMs: 50,
      beforeSend: (event) => (wrong.shift()?.(event) ?? event) as BehaviorRecord,
    });
    for (let i = 0; i < 7; i++) client.trackCartAdd({ productId: `sku-${i}` });
    await client.flush();
    await eventually(() =>
      expect(collector.accepted().map((event) => event.product_id)).toEqual(['sku-5', 'sku-6']),
    );
    expect(problems.map((problem) => problem.reason)).toEqual(Array(5).fill('before_send_failed'));
    expect(Object.keys(localStorage).filter((key) => key.includes('undefined'))).toEqual([]);
  });
});
