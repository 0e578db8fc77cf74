import { describe, expect, it } from 'vitest';
import { bodyText } from '../testing/create-fake-transport.js';
import { seededRandom } from '../testing/sink/start-fault-sink.js';
import {
  appendToBatch,
  batchBody,
  createBatch,
  DOES_NOT_FIT,
  dropFirstRecord,
  eventIdsOf,
  RECORD_TOO_LARGE,
  type RecordBatch,
  recordCount,
  splitBatch,
} from './record-batch.js';
import { createRecordQueue } from './record-queue.js';

const record = (i: number, pad = 0) => `{"event_id":"id-${i}","n":${i},"text":"${'x'.repeat(pad)}é"}`;
const bodyOf = (batch: RecordBatch) => JSON.parse(bodyText(batchBody(batch))) as { n: number }[];

describe('record batch', () => {
  it('is its own request body: UTF-8 bytes counted exactly, grown as needed', () => {
    const batch = createBatch('s', 0, new Uint8Array(16));
    for (let i = 0; i < 50; i++)
      expect(appendToBatch(batch, record(i), 1 << 20)).toBe(Buffer.byteLength(record(i)));
    const body = batchBody(batch);
    expect(body.byteLength).toBe(batch.bytes);
    expect(bodyOf(batch).map((r) => r.n)).toEqual([...Array(50).keys()]);
    expect(eventIdsOf(batch)).toEqual([...Array(50).keys()].map((i) => `id-${i}`));
  });

  it('refuses a record that would pass the body bound or the record bound, and stays as it was', () => {
    const batch = createBatch('s', 0);
    appendToBatch(batch, record(1), 100);
    const before = bodyText(batchBody(batch));
    expect(appendToBatch(batch, record(2, 80), 100)).toBe(DOES_NOT_FIT);
    expect(appendToBatch(batch, record(3), 1000, 10)).toBe(RECORD_TOO_LARGE);
    expect(bodyText(batchBody(batch))).toBe(before);
    expect(recordCount(batch)).toBe(1);
  });

  it('drops its oldest records in place, down to an empty body, and takes new ones after', () => {
    const batch = createBatch('s', 0);
    for (let i = 0; i < 3; i++) appendToBatch(batch, record(i), 1 << 20);
    const freed = dropFirstRecord(batch);
    expect(freed).toBe(Buffer.byteLength(record(0)) + 1);
    expect(bodyOf(batch).map((r) => r.n)).toEqual([1, 2]);
    dropFirstRecord(batch);
    dropFirstRecord(batch);
    expect(bodyText(batchBody(batch))).toBe('[]');
    expect(batch.bytes).toBe(2);
    appendToBatch(batch, record(7), 1 << 20);
    expect(bodyOf(batch).map((r) => r.n)).toEqual([7]);
  });

  it('splits into halves that keep its place and retry counts', () => {
    const batch = createBatch('s', 4);
    batch.retries = 2;
    for (let i = 0; i < 5; i++) appendToBatch(batch, record(i), 1 << 20);
    dropFirstRecord(batch);
    const [first, second] = splitBatch(batch);
    expect([bodyOf(first).map((r) => r.n), bodyOf(second).map((r) => r.n)]).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect([first.seq, second.retries, first.bytes + second.bytes]).toEqual([4, 2, batch.bytes + 1]);
  });
});

describe('record queue accounting', () => {
  it('keeps enqueued = sent + failed + dropped + queued + inFlight and both bounds through 20,000 random operations', () => {
    const limits = {
      maxQueueEvents: 300,
      maxQueueBytes: 16_384,
      maxBatchBytes: 2048,
      batchSize: 10,
      maxRecordBytes: 2046,
    };
    const queue = createRecordQueue(limits);
    const random = seededRandom(5);
    const inFlight: RecordBatch[] = [];
    let now = 0;
    let n = 0;
    for (let step = 0; step < 20_000; step++) {
      const roll = random();
      now += 1;
      if (roll < 0.55) {
        const text = record(n++, Math.floor(random() * 300));
        if (random() < 0.02 || queue.append(random() < 0.5 ? 'a' : 'b', text) < 0) queue.refuse('failed');
      } else if (roll < 0.6) queue.closeOpenBatches();
      else if (roll < 0.72) {
        const batch = queue.startNext(now, { probe: random() < 0.1, maxBytes: 2 * limits.maxBatchBytes });
        if (batch) inFlight.push(batch);
      } else if (roll < 0.95 && inFlight.length > 0) {
        const batch = inFlight.splice(Math.floor(random() * inFlight.length), 1)[0]!;
        const count = recordCount(batch);
        const what = random();
        if (what < 0.5) queue.settle(batch, { sent: count, failed: 0 });
        else if (what < 0.6) queue.settle(batch, { sent: count - 1, failed: 1 });
        else if (what < 0.9) queue.requeue(batch, now + Math.floor(random() * 20), true);
        else if (count > 1) queue.split(batch);
        else queue.settle(batch, { sent: 0, failed: 0, dropped: count });
      } else if (roll > 0.999) queue.dropWaiting();
      const c = queue.counts();
      expect(c.enqueued).toBe(c.sent + c.failed + c.dropped + c.queued + c.inFlight);
      expect(c.queued + c.inFlight).toBeLessThanOrEqual(limits.maxQueueEvents);
      const pending = queue.pendingBatches();
      const held = pending.reduce((sum, batch) => sum + batch.bytes, 0);
      expect(held).toBeLessThanOrEqual(limits.maxQueueBytes);
      expect(queue.inFlightBatches).toBe(inFlight.length);
    }
    expect(queue.counts().sent).toBeGreaterThan(1000);
    expect(queue.counts().dropped).toBeGreaterThan(0);
  });

  it('never settles a batch twice or one that is not in flight', () => {
    const queue = createRecordQueue({
      maxQueueEvents: 10,
      maxQueueBytes: 8192,
      maxBatchBytes: 1024,
      batchSize: 2,
      maxRecordBytes: 1022,
    });
    queue.append('s', record(1));
    queue.closeOpenBatches();
    const batch = queue.startNext(0, { probe: false, maxBytes: 1024 })!;
    queue.settle(batch, { sent: 1, failed: 0 });
    expect(() => queue.settle(batch, { sent: 1, failed: 0 })).toThrow(/not in flight/);
    expect(queue.counts()).toMatchObject({ enqueued: 1, sent: 1 });
  });
});
