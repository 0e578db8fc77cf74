import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settle, startHarness } from '../../test/capture-harness.js';
import { type Collector, startCollector } from '../../test/start-collector.js';

let collector: Collector;
beforeEach(async () => {
  collector = await startCollector();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${collector.url}/`);
});
afterEach(() => collector.close());

describe('consent with calls waiting for their build (recordDelayMs)', () => {
  it('withdrawing consent sends nothing: the calls still waiting are not posted by the withdrawal itself', async () => {
    const { client } = startHarness({
      endpoint: `${collector.url}/shoptel`,
      autoCapture: false,
      consent: 'granted',
      recordDelayMs: 60_000,
    });
    // More than a batch, made in the second before the shopper withdraws consent.
    for (let i = 0; i < 40; i++) client.trackCartAdd({ productId: `sku-${i}`, price: 3 });
    client.setConsent('denied');
    await settle(200);
    expect(collector.requests).toEqual([]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('shoptel.'))).toEqual([]);
  });
});
