import { afterEach, describe, expect, it } from 'vitest';
import {
  type FaultSink,
  SinkFault,
  seededRandom,
  startFaultSink,
} from '../src/testing/sink/start-fault-sink.js';
import { createWatchedClient, sendPaced, storedCopies, waitFor } from './paced-load.js';

const RATE = 5000;
const SECONDS = 6;
const TOTAL = RATE * SECONDS;
/** Throughput is read this long after the last send: the flaky run may catch up meanwhile. */
const GRACE_MS = 1500;
/** The one setting changed from the defaults: slow answers must outlast it within the test. */
const TIMEOUT_MS = 1000;

let sink: FaultSink | undefined;
afterEach(async () => {
  await sink?.stop();
  sink = undefined;
});

/** A quarter of requests fail, in every transient way a server or its proxy fails. */
function flakyPlan(seed: number) {
  const random = seededRandom(seed);
  return () => {
    const roll = random();
    if (roll < 0.09) return SinkFault.badGateway;
    if (roll < 0.11) return SinkFault.rateLimitedUntil;
    if (roll < 0.17) return SinkFault.reset;
    if (roll < 0.19) return SinkFault.unavailable;
    if (roll < 0.22) return SinkFault.slowAfterStore;
    if (roll < 0.25) return SinkFault.slowBeforeStore;
    return SinkFault.ok;
  };
}

/** Feeds RATE records/s for SECONDS; returns records stored per second by GRACE_MS after the last send. */
async function run(plan?: () => SinkFault) {
  sink = await startFaultSink({ ...(plan ? { plan } : {}), retryAfterSeconds: 1, slowMs: TIMEOUT_MS + 500 });
  const watched = createWatchedClient(sink.url, { timeoutMs: TIMEOUT_MS });
  const started = Date.now();
  await sendPaced(watched.client, RATE, SECONDS);
  await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
  const storedByDeadline = storedCopies(sink.records).idBySeq.size;
  const perSecond = storedByDeadline / ((Date.now() - started) / 1000);
  const stats = await watched.client.shutdown({ timeoutMs: 60_000 });
  watched.close();
  return { sink, watched, stats, perSecond };
}

describe('delivery through a flaky server at 5,000 records/s, default settings', () => {
  it('stores every record, duplicates only from late answers, at ≥ 70% of a healthy run', async () => {
    const healthy = await run();
    expect(healthy.stats).toMatchObject({ enqueued: TOTAL, sent: TOTAL, dropped: 0, failed: 0 });
    await sink?.stop();

    const flaky = await run(flakyPlan(Number(process.env.FLAKY_SEED ?? 11)));
    const requests = flaky.sink.requests;
    const failedShare = requests.filter((r) => r.fault !== SinkFault.ok).length / requests.length;
    expect(failedShare).toBeGreaterThan(0.2);
    for (const fault of [
      SinkFault.badGateway,
      SinkFault.rateLimitedUntil,
      SinkFault.reset,
      SinkFault.slowAfterStore,
      SinkFault.slowBeforeStore,
    ])
      expect(requests.some((r) => r.fault === fault)).toBe(true);

    // Nothing dropped; every record stored, or failed and reported with its id.
    const { stats, watched } = flaky;
    expect(stats.dropped).toBe(0);
    expect(stats.enqueued).toBe(TOTAL);
    expect(stats.sent + stats.failed).toBe(TOTAL);
    const reported = new Set(watched.errors.flatMap((e) => e.eventIds ?? []));
    expect(reported.size).toBe(stats.failed);
    expect(watched.errors.every((e) => e.reason === 'retries_exhausted')).toBe(true);
    // A batch given up after a timeout may have been stored all the same.
    const { idBySeq, timesSeen } = storedCopies(flaky.sink.records);
    const reportedNotStored = [...reported].filter((id) => !timesSeen.has(id)).length;
    expect(idBySeq.size + reportedNotStored).toBe(TOTAL);

    // A record is stored twice only if a request holding it timed out after the server kept it.
    for (const [id, copies] of timesSeen)
      expect(copies - 1).toBeLessThanOrEqual(watched.timeoutsById.get(id) ?? 0);

    console.log(
      `healthy ${Math.round(healthy.perSecond)} rec/s, flaky ${Math.round(flaky.perSecond)} rec/s ` +
        `(${Math.round(failedShare * 100)}% of ${requests.length} requests failed; ${stats.failed} records failed after retries)`,
    );
    expect(flaky.perSecond).toBeGreaterThanOrEqual(0.7 * healthy.perSecond);
  }, 120_000);
});

describe('a full 10 s outage, default settings', () => {
  it('probes under 3 requests/s, fails and drops nothing, and stores the backlog within 15 s of recovery', async () => {
    sink = await startFaultSink();
    const port = sink.port;
    const watched = createWatchedClient(sink.url);
    const stored: Record<string, unknown>[] = [];
    const progress = { sent: 0 };
    const total = 500 * 14;
    const sending = sendPaced(watched.client, 500, 14, progress);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    stored.push(...sink.records);
    await sink.stop();
    const outageStart = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const outageRequests = watched.requestTimes.filter((t) => t >= outageStart).length;
    expect(watched.client.stats()).toMatchObject({ outage: true, failed: 0, dropped: 0 });
    sink = await startFaultSink({ port });
    const backlog = progress.sent;

    // Every record sent before the recovery is stored within 15 s of it.
    const restarted = sink;
    const backlogStored = () =>
      [...storedCopies([...stored, ...restarted.records]).idBySeq.keys()].filter((seq) => seq < backlog)
        .length;
    const backlogMs = await waitFor(backlogStored, backlog, 20_000);
    await sending;
    const stats = await watched.client.shutdown({ timeoutMs: 10_000 });
    watched.close();
    stored.push(...restarted.records);

    console.log(
      `${outageRequests} requests in the 10 s outage; a backlog of ${backlog} records stored ${backlogMs} ms after recovery`,
    );
    expect(outageRequests / 10).toBeLessThan(3);
    expect(backlogStored()).toBe(backlog);
    expect(backlogMs).toBeLessThan(15_000);
    expect(stats).toMatchObject({ enqueued: total, sent: total, failed: 0, dropped: 0, outage: false });
    expect(storedCopies(stored).idBySeq.size).toBe(total);
    expect(watched.errors).toEqual([]);
  }, 60_000);
});
