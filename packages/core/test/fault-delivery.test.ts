import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../src/batch/create-client.js';
import type { DeliveryError } from '../src/batch/delivery-error.js';
import { createNodeHttpTransport } from '../src/node/create-node-http-transport.js';
import { bodyText } from '../src/testing/create-fake-transport.js';
import {
  type FaultSink,
  SinkFault,
  seededRandom,
  startFaultSink,
} from '../src/testing/sink/start-fault-sink.js';
import { type Transport, TransportError } from '../src/transport/transport.js';

const RECORDS = 100_000;
let sink: FaultSink | undefined;

afterEach(async () => {
  await sink?.stop();
  sink = undefined;
});

/** About 30% of requests fail: 503, 429 + Retry-After, resets, and timeouts with and without a store. */
function thirtyPercentFaults(seed: number) {
  const random = seededRandom(seed);
  return () => {
    const roll = random();
    if (roll < 0.1) return SinkFault.unavailable;
    if (roll < 0.14) return SinkFault.rateLimited;
    if (roll < 0.22) return SinkFault.reset;
    if (roll < 0.26) return SinkFault.slowAfterStore;
    if (roll < 0.3) return SinkFault.slowBeforeStore;
    return SinkFault.ok;
  };
}

describe('delivery through a faulty server', () => {
  it('delivers every record of 100,000 through ~30% failed requests; duplicates only from late answers', async () => {
    sink = await startFaultSink({ plan: thirtyPercentFaults(7), retryAfterSeconds: 1, slowMs: 800 });
    const errors: DeliveryError[] = [];
    const transport = createNodeHttpTransport();
    // How often the client gave up waiting for a request holding each event_id. Usually that is a
    // slow_after_store answer, but on a loaded machine an `ok` answer can miss the 400 ms timeout
    // too (client and sink share one event loop): the client must resend it, so it may be stored twice.
    const timeoutsById = new Map<unknown, number>();
    const watched: Transport = {
      async send(request) {
        try {
          return await transport.send(request);
        } catch (error) {
          if (error instanceof TransportError && error.kind === 'timeout') {
            for (const record of JSON.parse(bodyText(request.body)) as Record<string, unknown>[])
              timeoutsById.set(record.event_id, (timeoutsById.get(record.event_id) ?? 0) + 1);
          }
          throw error;
        }
      },
    };
    const client = createClient({
      url: sink.url,
      auth: { username: 'root@example.com', password: 'Complexpass#123' },
      transport: watched,
      batchSize: 1000,
      timeoutMs: 400,
      maxRetries: 20,
      retryBaseDelayMs: 20,
      retryMaxDelayMs: 1500,
      maxQueueEvents: RECORDS,
      maxQueueBytes: 256 * 1024 * 1024,
      onError: (error) => errors.push(error),
    });
    for (let i = 0; i < RECORDS; i++) client.send('orders', { seq: i, order_id: `o-${i}`, amount: i % 97 });
    await client.flush();
    transport.close();

    // Every record arrived, with one event_id per record however often it was sent.
    const idBySeq = new Map<number, string>();
    const timesSeen = new Map<string, number>();
    for (const record of sink.records) {
      const seq = record.seq as number;
      const id = record.event_id as string;
      expect(idBySeq.get(seq) ?? id).toBe(id);
      idBySeq.set(seq, id);
      timesSeen.set(id, (timesSeen.get(id) ?? 0) + 1);
    }
    expect(idBySeq.size).toBe(RECORDS);

    // A duplicate is allowed only for a record whose request the sink stored but answered after the
    // client stopped waiting: each extra copy needs a timed-out request holding the record.
    const storedLate = sink.requests
      .filter((r) => r.fault === SinkFault.slowAfterStore)
      .flatMap((r) => r.records.map((x) => x.event_id));
    for (const id of storedLate) expect(timeoutsById.get(id) ?? 0).toBeGreaterThan(0);
    for (const [id, n] of timesSeen) expect(n - 1).toBeLessThanOrEqual(timeoutsById.get(id) ?? 0);

    // The faults really happened, and stats account for every record.
    const faults = new Set(sink.requests.map((r) => r.fault));
    for (const fault of [
      SinkFault.unavailable,
      SinkFault.rateLimited,
      SinkFault.reset,
      SinkFault.slowAfterStore,
      SinkFault.slowBeforeStore,
    ]) {
      expect(faults.has(fault)).toBe(true);
    }
    const stats = client.stats();
    expect(stats).toMatchObject({
      enqueued: RECORDS,
      sent: RECORDS,
      failed: 0,
      dropped: 0,
      queued: 0,
      inFlight: 0,
    });
    expect(stats.retried).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('reports a partial success with the server error and counts the failed records', async () => {
    sink = await startFaultSink({ plan: (i) => (i === 0 ? SinkFault.partial : SinkFault.ok) });
    const errors: DeliveryError[] = [];
    const client = createClient({
      url: sink.url,
      transport: createNodeHttpTransport(),
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 10; i++) client.send('orders', { seq: i });
    await client.flush();
    expect(errors).toMatchObject([
      { reason: 'partial_failure', count: 5, serverMessage: expect.stringContaining('Too old data') },
    ]);
    expect(client.stats()).toMatchObject({ sent: 5, failed: 5 });
  });

  it('splits on a real 413 until each request fits', async () => {
    sink = await startFaultSink({ maxBodyBytes: 4096 });
    const client = createClient({ url: sink.url, transport: createNodeHttpTransport(), batchSize: 100 });
    for (let i = 0; i < 100; i++) client.send('orders', { seq: i, note: 'x'.repeat(100) });
    await client.flush();
    expect(sink.records).toHaveLength(100);
    expect(sink.requests.some((r) => r.fault === SinkFault.tooLarge)).toBe(true);
    expect(client.stats()).toMatchObject({ sent: 100, failed: 0 });
  });

  it('gzips large bodies for a remote server through the Compressor seam', async () => {
    sink = await startFaultSink();
    const { createGzipCompressor } = await import('../src/node/create-gzip-compressor.js');
    // Setting compressAboveBytes turns compression on even for a loopback URL.
    const client = createClient({
      url: sink.url,
      transport: createNodeHttpTransport(),
      compressor: createGzipCompressor(),
      compressAboveBytes: 1024,
    });
    for (let i = 0; i < 50; i++) client.send('orders', { seq: i, note: 'repetitive text '.repeat(10) });
    await client.flush();
    expect(sink.requests[0]!.headers['content-encoding']).toBe('gzip');
    expect(sink.records).toHaveLength(50);
  });
});
