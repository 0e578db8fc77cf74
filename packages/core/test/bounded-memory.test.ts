import http from 'node:http';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/batch/create-client.js';
import type { DeliveryError } from '../src/batch/delivery-error.js';
import { createNodeHttpTransport } from '../src/node/create-node-http-transport.js';
import { startFaultSink } from '../src/testing/sink/start-fault-sink.js';

declare const gc: () => void;

const CALLS = 1_000_000;
const MAX_QUEUE_BYTES = 8 * 1024 * 1024;

/**
 * A port that refuses connections: bound once, then released, and bound again by the sink seconds
 * later. It is picked below the ephemeral range (32768–60999 on Linux, 49152–65535 on macOS) on
 * purpose: `listen(0)` in test files running in parallel and every outgoing connection draw from
 * that range, so a port freed there could be taken before the sink binds it (EADDRINUSE).
 */
async function closedPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const server = http.createServer();
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }
  throw new Error('no free port in 20000–29999');
}

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('memory with the server down', () => {
  it('keeps heap growth within the queue bound over 1,000,000 sends and counts every drop exactly', async () => {
    expect(typeof gc).toBe('function'); // vitest.config.ts runs tests with --expose-gc
    const port = await closedPort();
    const errors: DeliveryError[] = [];
    const transport = createNodeHttpTransport();
    const client = createClient({
      url: `http://127.0.0.1:${port}`,
      transport,
      maxQueueEvents: 10_000,
      maxQueueBytes: MAX_QUEUE_BYTES,
      // Long enough that every batch is still waiting when the server comes back.
      maxRetries: 50,
      retryMaxDelayMs: 200,
      onError: (error) => errors.push(error),
    });
    // ~1.2 KB records: 10,000 serialized ones would pass the 8 MiB byte bound, so both bounds act.
    const padding = 'p'.repeat(1100);
    // Warm up the same code path with a throw-away client first, so compiled code and lazily
    // built module state are not counted as queue growth.
    const warm = createClient({
      url: `http://127.0.0.1:${port}`,
      transport,
      maxRetries: 50,
      onError: () => {},
    });
    for (let i = 0; i < 50_000; i++) {
      warm.send('orders', { seq: i, order_id: `o-${i}`, padding });
      if (i % 10_000 === 9_999) await nextMacrotask();
    }
    await warm.shutdown({ timeoutMs: 0 });
    const before = heapAfterGc();
    let peakGrowth = 0;
    for (let i = 0; i < CALLS; i++) {
      client.send('orders', { seq: i, order_id: `o-${i}`, padding });
      if (i % 10_000 === 9_999) {
        await nextMacrotask(); // let the client drain, as an app's event loop would
        if (i % 100_000 === 99_999) peakGrowth = Math.max(peakGrowth, heapAfterGc() - before);
      }
    }
    await nextMacrotask();
    peakGrowth = Math.max(peakGrowth, heapAfterGc() - before);
    expect(peakGrowth).toBeLessThanOrEqual(MAX_QUEUE_BYTES * 1.1);

    const stats = client.stats();
    expect(stats.sent).toBe(0);
    expect(stats.enqueued).toBe(CALLS);
    // Nothing was delivered and at most maxQueueEvents are held: the rest was dropped.
    expect(stats.queued + stats.inFlight).toBeLessThanOrEqual(10_000);
    expect(stats.dropped).toBeGreaterThanOrEqual(CALLS - 10_000 - stats.failed);
    expect(stats.enqueued).toBe(stats.sent + stats.failed + stats.dropped + stats.queued + stats.inFlight);
    const reportedDrops = errors
      .filter((e) => e.reason === 'queue_overflow')
      .reduce((n, e) => n + e.count, 0);
    expect(reportedDrops).toBe(stats.dropped);

    // Bring the server back on the same port: exactly the records not counted as dropped or
    // failed arrive, and they are the newest ones (oldest-first dropping).
    const sink = await startFaultSink({ port });
    try {
      await client.flush();
      const arrived = sink.records.map((r) => r.seq as number);
      const final = client.stats();
      expect(arrived.length).toBe(CALLS - final.dropped - final.failed);
      expect(new Set(arrived).size).toBe(arrived.length);
      expect(Math.max(...arrived)).toBe(CALLS - 1);
      expect(Math.min(...arrived)).toBeGreaterThanOrEqual(final.dropped - 1 - final.failed);
    } finally {
      transport.close();
      await sink.stop();
    }
  }, 120_000);
});
