import { describe, expect, it } from 'vitest';
import { ShoptelConfigError } from '../config/config-error.js';
import { bodyText, okIngestAnswer } from '../testing/index.js';
import { TransportError, type TransportRequest, type TransportResponse } from '../transport/transport.js';
import { isBalanced, setupClient } from './client-test-setup.js';
import { createClient } from './create-client.js';
import { STALL_DEFAULT_MS } from './stall-threshold.js';

const order = (i: number) => ({ action: 'order_paid', order_id: `o-${i}`, amount: i });

/** A transport whose answer depends on the request; it logs when each request started and ended. */
function scriptedTransport(answer: (request: TransportRequest, index: number) => Promise<TransportResponse>) {
  const log: { index: number; url: string; records: Record<string, unknown>[]; startedAt: number }[] = [];
  let open = 0;
  let maxOpen = 0;
  return {
    log,
    maxOpen: () => maxOpen,
    resetMaxOpen: () => {
      maxOpen = open;
    },
    transport: {
      async send(request: TransportRequest) {
        const index = log.length;
        log.push({ index, url: request.url, records: JSON.parse(bodyText(request.body)), startedAt: now() });
        open++;
        maxOpen = Math.max(maxOpen, open);
        try {
          return await answer(request, index);
        } finally {
          open--;
        }
      },
    },
  };
}
let now: () => number = () => 0;

const down = () => Promise.reject(new TransportError('network', 'connect ECONNREFUSED 127.0.0.1:5080'));

describe('per-batch retry schedule', () => {
  it('lets a failed batch wait out its own backoff while the others flow at full concurrency', async () => {
    const script = scriptedTransport(async (request, index) =>
      index === 0 ? { status: 502, headers: {}, body: '<html>Bad Gateway</html>' } : okIngestAnswer(request),
    );
    const { client, clock } = setupClient({
      batchSize: 10,
      transport: script.transport,
      retryBaseDelayMs: 1000,
    });
    now = clock.now;
    const start = clock.now();
    for (let i = 0; i < 50; i++) client.send('s', order(i));
    await clock.advanceAsync(0);
    // Every other batch went out at once; the failed one waits 500 ms (full jitter, random 0.5).
    expect(script.log.map((r) => r.startedAt - start)).toEqual([0, 0, 0, 0, 0]);
    expect(client.stats()).toMatchObject({ sent: 40, queued: 10, outage: false });
    await clock.advanceAsync(499);
    expect(script.log).toHaveLength(5);
    await clock.advanceAsync(1);
    expect(script.log).toHaveLength(6);
    expect(script.log[5]!.records.map((r) => r.order_id)).toEqual(
      script.log[0]!.records.map((r) => r.order_id),
    );
    expect(client.stats()).toMatchObject({ sent: 50, retried: 10, failed: 0, queued: 0 });
  });

  it('delays only its own batch for a lone 429 with Retry-After', async () => {
    const script = scriptedTransport(async (request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '2' }, body: '' } : okIngestAnswer(request),
    );
    const { client, clock } = setupClient({ batchSize: 10, maxInFlight: 1, transport: script.transport });
    now = clock.now;
    for (let i = 0; i < 30; i++) client.send('s', order(i));
    await clock.advanceAsync(0);
    expect(script.log).toHaveLength(3);
    expect(client.stats()).toMatchObject({ sent: 20, queued: 10, pausedUntil: null });
    await clock.advanceAsync(1999);
    expect(script.log).toHaveLength(3);
    await clock.advanceAsync(1);
    expect(client.stats()).toMatchObject({ sent: 30, queued: 0 });
  });

  it('pauses the whole client when the server asks twice with no answer between, and says so in stats()', async () => {
    const script = scriptedTransport(async (request, index) =>
      index < 2 ? { status: 429, headers: { 'retry-after': '2' }, body: '' } : okIngestAnswer(request),
    );
    const { client, clock } = setupClient({ batchSize: 10, maxInFlight: 1, transport: script.transport });
    now = clock.now;
    for (let i = 0; i < 30; i++) client.send('s', order(i));
    await clock.advanceAsync(0);
    expect(script.log).toHaveLength(2);
    expect(client.stats().pausedUntil).toBe(clock.now() + 2000);
    await clock.advanceAsync(1999);
    expect(script.log).toHaveLength(2);
    await clock.advanceAsync(1);
    expect(script.log).toHaveLength(5);
    expect(client.stats()).toMatchObject({ sent: 30, pausedUntil: null, lastSuccessAt: clock.now() });
  });
});

describe('outage mode', () => {
  it('after failures in a row sends one probe at a time on a growing backoff, spends no retries, then drains at full concurrency', async () => {
    let serverUp = false;
    const script = scriptedTransport(async (request) => (serverUp ? okIngestAnswer(request) : down()));
    const { client, clock, errors } = setupClient({ batchSize: 10, transport: script.transport });
    now = clock.now;
    const start = clock.now();
    for (let i = 0; i < 200; i++) client.send('s', order(i));
    await clock.advanceAsync(0);
    // Four batches fail at once (each then owns a backoff); with the default maxRetries (3), the
    // fourth failure in a row means outage.
    expect(script.log).toHaveLength(4);
    expect(client.stats()).toMatchObject({ outage: true, failed: 0, lastSuccessAt: null });
    script.resetMaxOpen();
    await clock.advanceAsync(10 * 60_000);
    expect(script.maxOpen()).toBe(1);
    // Equal jitter at random 0.5 is 3/4 of a ceiling that doubles from 1/4 s and stops at 30 s.
    const gaps = script.log
      .slice(4)
      .map((r, i, all) => r.startedAt - (i === 0 ? start : all[i - 1]!.startedAt));
    expect(gaps.slice(0, 10)).toEqual([187, 375, 750, 1500, 3000, 6000, 12_000, 22_500, 22_500, 22_500]);
    expect(client.stats()).toMatchObject({ outage: true, failed: 0, dropped: 0, queued: 200 });
    const probes = script.log.length;

    serverUp = true;
    await clock.advanceAsync(22_500);
    expect(client.stats()).toMatchObject({ outage: false, sent: 200, failed: 0, dropped: 0, queued: 0 });
    expect(client.stats().lastSuccessAt).toBe(script.log.at(-1)!.startedAt);
    // One probe, then the other 19 batches back to back, two at a time.
    expect(script.log.length - probes).toBe(20);
    expect(script.maxOpen()).toBe(2);
    expect(errors).toEqual([]);
    expect(isBalanced(client.stats())).toBe(true);
  });

  it('holds a lone batch through a long outage with the default maxRetries, instead of failing it', async () => {
    let serverUp = false;
    const script = scriptedTransport(async (request) => (serverUp ? okIngestAnswer(request) : down()));
    const { client, clock, errors } = setupClient({ transport: script.transport });
    client.send('business_events', order(1));
    void client.flush();
    await clock.advanceAsync(15 * 60_000);
    expect(client.stats()).toMatchObject({ failed: 0, queued: 1, outage: true });
    serverUp = true;
    await clock.advanceAsync(30_000);
    expect(client.stats()).toMatchObject({ sent: 1, failed: 0, outage: false });
    expect(errors).toEqual([]);
  });

  it('with maxRetries 0 does not retry at all', async () => {
    const script = scriptedTransport(() => down());
    const { client, clock, errors } = setupClient({ transport: script.transport, maxRetries: 0 });
    client.send('s', order(1));
    await client.flush();
    await clock.advanceAsync(60_000);
    expect(script.log).toHaveLength(1);
    expect(errors.map((e) => e.reason)).toEqual(['retries_exhausted']);
    expect(client.stats()).toMatchObject({ failed: 1, queued: 0 });
  });
});

describe('requests that hang', () => {
  it(`stop holding a slot after ${STALL_DEFAULT_MS} ms, so the rest keep flowing`, async () => {
    const hanging: (() => void)[] = [];
    const script = scriptedTransport((request, index) =>
      index < 2
        ? new Promise((resolve) => hanging.push(() => resolve(okIngestAnswer(request))))
        : Promise.resolve(okIngestAnswer(request)),
    );
    const { client, clock } = setupClient({ batchSize: 10, transport: script.transport });
    now = clock.now;
    for (let i = 0; i < 100; i++) client.send('s', order(i));
    await clock.advanceAsync(STALL_DEFAULT_MS - 1);
    expect(script.log).toHaveLength(2);
    await clock.advanceAsync(1);
    // More slots, for as long as the two requests hang.
    expect(script.log).toHaveLength(10);
    expect(script.maxOpen()).toBeGreaterThanOrEqual(3);
    expect(script.maxOpen()).toBeLessThanOrEqual(4);
    expect(client.stats()).toMatchObject({ sent: 80, inFlight: 20 });
    for (const answer of hanging) answer();
    await clock.advanceAsync(0);
    expect(client.stats()).toMatchObject({ sent: 100, inFlight: 0 });
  });
});

describe('the byte bound', () => {
  it('refuses at start-up a queue too small for the requests in flight plus one batch', () => {
    const create = () =>
      createClient({
        url: 'http://127.0.0.1:5080',
        maxQueueBytes: 4096,
        maxBatchBytes: 2048,
        maxInFlight: 2,
      });
    expect(create).toThrow(ShoptelConfigError);
    expect(create).toThrow(/maxQueueBytes.*\(maxInFlight 2 \+ 1\) × maxBatchBytes 2048 = 6144/);
  });

  it('drops only what the bytes demand while requests are in flight, never the unserialized intake', async () => {
    const { client, clock, transport, errors } = setupClient({
      maxQueueBytes: 4096,
      maxBatchBytes: 1024,
      maxInFlight: 2,
      batchSize: 5,
    });
    transport.hold();
    for (let i = 0; i < 50; i++) client.send('s', { i, text: 'x'.repeat(100) });
    await clock.advanceAsync(0);
    // Records of ~240 bytes: two requests of 3-4 records in flight, and what fits beside them.
    const held = client.stats();
    expect(held.inFlight).toBeGreaterThanOrEqual(6);
    expect(held.queued).toBeGreaterThanOrEqual(8);
    expect(isBalanced(held)).toBe(true);
    transport.release();
    await client.flush();
    const stats = client.stats();
    expect(stats.sent + stats.dropped).toBe(50);
    expect(stats.sent).toBe(held.inFlight + held.queued);
    // The oldest waiting records were dropped; the newest were all serialized and sent.
    const sent = new Set(transport.requests.flatMap((r) => r.records.map((x) => x.i)));
    for (let i = 50 - held.queued; i < 50; i++) expect(sent.has(i)).toBe(true);
    expect(errors.filter((e) => e.reason === 'queue_overflow').reduce((n, e) => n + e.count, 0)).toBe(
      stats.dropped,
    );
    expect(isBalanced(stats)).toBe(true);
  });
});
