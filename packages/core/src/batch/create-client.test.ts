import { describe, expect, it } from 'vitest';
import { bodyText, type FakeClock, okIngestAnswer } from '../testing/index.js';
import { TransportError } from '../transport/transport.js';
import type { ClientStats } from './client-stats.js';
import { isBalanced, setupClient } from './client-test-setup.js';

const setup = setupClient;

function expectBalanced(stats: ClientStats) {
  expect(isBalanced(stats)).toBe(true);
}

const order = (i: number) => ({ action: 'order_paid', order_id: `o-${i}`, amount: i });

async function tick(clock: FakeClock, ms = 0) {
  await clock.advanceAsync(ms);
}

describe('createClient batching', () => {
  it('sends a full batch on the next tick, not inside send()', async () => {
    const { client, transport, clock } = setup({ batchSize: 100 });
    for (let i = 0; i < 250; i++) client.send('business_events', order(i));
    expect(transport.requests).toHaveLength(0);
    await tick(clock);
    expect(transport.requests.map((r) => r.records.length)).toEqual([100, 100]);
    expect(client.stats().queued).toBe(50);
  });

  it('sends a partial batch flushIntervalMs after its first record: a timer, not a debounce', async () => {
    const { client, transport, clock } = setup({ flushIntervalMs: 5000 });
    client.send('business_events', order(1));
    await tick(clock, 4000);
    client.send('business_events', order(2));
    await tick(clock, 999);
    expect(transport.requests).toHaveLength(0);
    await tick(clock, 1);
    expect(transport.requests).toHaveLength(1);
    expect(transport.requests[0]!.records.map((r) => r.order_id)).toEqual(['o-1', 'o-2']);
  });

  it('batches each stream separately and posts to /api/{org}/{stream}/_json with Basic auth', async () => {
    const { client, transport } = setup();
    client.send('Business-Events', order(1));
    client.send('user_behavior', { event_type: 'PAGE_VIEW' });
    await client.flush();
    const urls = transport.requests.map((r) => r.url).sort();
    expect(urls).toEqual([
      'http://127.0.0.1:5080/api/default/business_events/_json',
      'http://127.0.0.1:5080/api/default/user_behavior/_json',
    ]);
    const expected = `Basic ${Buffer.from('root@example.com:Complexpass#123').toString('base64')}`;
    expect(transport.requests[0]!.headers.authorization).toBe(expected);
  });

  it('keeps at most maxInFlight requests open', async () => {
    const { client, transport, clock } = setup({ batchSize: 10, maxInFlight: 2 });
    transport.hold();
    for (let i = 0; i < 50; i++) client.send('s', order(i));
    await tick(clock);
    expect(transport.requests).toHaveLength(2);
    expect(client.stats().inFlight).toBe(20);
    transport.release();
    await client.flush();
    expect(transport.requests).toHaveLength(5);
    expect(client.stats().sent).toBe(50);
  });

  it('cuts batches by bytes as well as by count', async () => {
    const { client, transport } = setup({ batchSize: 1000, maxBatchBytes: 2048 });
    for (let i = 0; i < 40; i++) client.send('s', { text: 'x'.repeat(200), i });
    await client.flush();
    expect(transport.requests.length).toBeGreaterThan(1);
    for (const request of transport.requests)
      expect(Buffer.byteLength(request.text)).toBeLessThanOrEqual(2048);
    expect(transport.requests.reduce((n, r) => n + r.records.length, 0)).toBe(40);
  });
});

describe('createClient wire fields', () => {
  it('adds _timestamp in µs, event_time and a UUID v7 event_id, and flattens like OpenObserve', async () => {
    const { client, transport, clock } = setup({ commonFields: { service: 'checkout' } });
    client.send('s', {
      userId: 'u1',
      cart: { total: 10, items: [{ sku: 'a' }] },
      deep: { a: { b: { c: 1 } } },
    });
    await client.flush();
    const [record] = transport.requests[0]!.records;
    expect(record).toMatchObject({
      _timestamp: clock.now() * 1000,
      event_time: new Date(clock.now()).toISOString(),
      service: 'checkout',
      userid: 'u1',
      cart_total: 10,
      cart_items: '[{"sku":"a"}]',
      deep_a_b: '{"c":1}',
    });
    expect(record!.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps a too-old time in event_time and clamps _timestamp into the server window', async () => {
    const { client, transport, clock } = setup();
    const dayAgo = new Date(clock.now() - 24 * 3600_000);
    client.send('s', { _timestamp: dayAgo.getTime(), event_time: dayAgo.toISOString() });
    await client.flush();
    const [record] = transport.requests[0]!.records;
    expect(record!.event_time).toBe(dayAgo.toISOString());
    expect(record!._timestamp as number).toBeGreaterThan((clock.now() - 5 * 3600_000) * 1000);
  });

  it('keeps an event_id the record already has (relayed browser events)', async () => {
    const { client, transport } = setup();
    client.send('s', { event_id: '0190b6c6-0000-7000-8000-000000000001' });
    await client.flush();
    expect(transport.requests[0]!.records[0]!.event_id).toBe('0190b6c6-0000-7000-8000-000000000001');
  });
});

describe('createClient privacy', () => {
  it('masks card numbers, CVVs and secrets before anything leaves the process', async () => {
    const { client, transport } = setup();
    client.send('payments', {
      payment_id: 'p-1',
      note: 'customer paid with 4111 1111 1111 1111 yesterday',
      cvv: '123',
      card: { number: '5500000000000004', cvc: 999, brand: 'mastercard' },
      password: 'hunter2',
      attempts: [{ pan: '4111111111111111' }, 'retry with 378282246310005'],
      order_ref: '1234567890123', // not Luhn-valid: an id, left alone
    });
    await client.flush();
    // event_id is random hex and may contain any digit run, so it is left out of the search.
    const wire = transport.requests[0]!.text.replace(/"event_id":"[^"]*"/g, '');
    for (const secret of ['4111', '5500000000000004', '378282246310005', 'hunter2', '"123"', '999']) {
      expect(wire.replace(/\*+1111|\*+0004|\*+0005/g, '')).not.toContain(secret);
    }
    expect(transport.requests[0]!.records[0]).toMatchObject({
      note: 'customer paid with ************1111 yesterday',
      cvv: '[REDACTED]',
      card_number: '[REDACTED]', // a card-number field is hidden whole
      card_cvc: '[REDACTED]',
      card_brand: 'mastercard',
      password: '[REDACTED]',
      order_ref: '1234567890123',
    });
  });
});

describe('createClient bad input', () => {
  it('never throws, repairs what it can, reports each repair and sends the rest of the batch', async () => {
    const { client, transport, errors } = setup();
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 100; i++) cursor = cursor.next = {} as Record<string, unknown>;
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const inputs: unknown[] = [
      circular,
      { big: 10n ** 30n },
      { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, fine: 1 },
      { fn: () => 1, sym: Symbol('s'), fine: 2 },
      proto,
      { huge: 'x'.repeat(10 * 1024 * 1024) },
      { deep },
      {
        get boom() {
          throw new Error('getter failed');
        },
      },
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('trap failed');
          },
        },
      ),
      null,
      'a string',
      [1, 2],
      order(1),
    ];
    for (const input of inputs)
      expect(() => client.send('s', input as Record<string, unknown>)).not.toThrow();
    expect(() => client.send(undefined as unknown as string, order(2))).not.toThrow();
    await client.flush();
    const records = transport.requests.flatMap((r) => r.records);
    expect(records).toHaveLength(8);
    expect(records[0]).toMatchObject({ name: 'loop', self: '[Circular]' });
    expect(records[1]).toMatchObject({ big: '1000000000000000000000000000000' });
    expect(records[2]).toMatchObject({ fine: 1 });
    expect(records[2]).not.toHaveProperty('nan');
    expect(records[3]).toMatchObject({ fine: 2 });
    expect(records[4]).toMatchObject({ ok: 1 });
    expect(Object.getPrototypeOf(records[4])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((records[5]!.huge as string).length).toBe(65_536);
    expect(typeof records[6]!.deep_next_next).toBe('string');
    expect(records[7]).toMatchObject({ order_id: 'o-1' });
    const invalid = errors.filter((e) => e.reason === 'invalid_record');
    expect(invalid).toHaveLength(6);
    expect(invalid.map((e) => e.message).join()).toContain('getter failed');
    expect(errors.filter((e) => e.reason === 'record_repaired').length).toBeGreaterThanOrEqual(5);
    const stats = client.stats();
    expect(stats).toMatchObject({ enqueued: 14, sent: 8, failed: 6 });
    expectBalanced(stats);
  });

  it('lets beforeSend edit or drop, and drops (never sends unfiltered) when it throws', async () => {
    const { client, transport, errors } = setup({
      beforeSend: (record) => {
        if (record.drop) return null;
        if (record.explode) throw new Error('boom');
        return { ...record, edited: true };
      },
    });
    client.send('s', { drop: true });
    client.send('s', { explode: true, card: '4111111111111111' });
    client.send('s', { keep: 1 });
    await client.flush();
    expect(transport.requests.flatMap((r) => r.records)).toMatchObject([{ keep: 1, edited: true }]);
    expect(errors.map((e) => e.reason)).toEqual(['before_send_failed']);
    expect(client.stats()).toMatchObject({ filtered: 1, failed: 1, sent: 1, enqueued: 2 });
  });
});

describe('createClient retries', () => {
  it('retries 503, network errors and timeouts with backoff, then delivers', async () => {
    const { client, transport, clock } = setup({ retryBaseDelayMs: 1000 });
    transport.enqueueAnswers(
      { status: 503, headers: {}, body: 'busy' },
      new TransportError('network', 'ECONNRESET'),
      new TransportError('timeout', 'slow'),
    );
    client.send('s', order(1));
    const flushed = client.flush();
    await tick(clock, 60_000);
    await flushed;
    expect(transport.requests).toHaveLength(4);
    expect(client.stats()).toMatchObject({ sent: 1, retried: 3, failed: 0 });
    // Full jitter with random() = 0.5: 500, 1000, 2000 ms between attempts.
  });

  it('honours Retry-After before sending anything else once the server asks twice', async () => {
    const { client, transport, clock } = setup({ maxInFlight: 1 });
    transport.enqueueAnswers(
      { status: 429, headers: { 'retry-after': '3' }, body: '' },
      { status: 503, headers: { 'retry-after': '3' }, body: '' },
    );
    client.send('s', order(1));
    void client.flush();
    await tick(clock);
    client.send('s', order(2));
    void client.flush();
    await tick(clock);
    expect(transport.requests).toHaveLength(2);
    client.send('s', order(3));
    void client.flush();
    await tick(clock, 2999);
    expect(transport.requests).toHaveLength(2);
    await tick(clock, 1);
    expect(transport.requests.length).toBeGreaterThan(2);
  });

  it('gives up after maxRetries failures while the server stores other batches, and reports every record id', async () => {
    const { client, transport, clock, errors } = setup({ maxRetries: 2 });
    // The 'bad' stream always fails; 'good' records keep arriving and are stored meanwhile.
    transport.send = async (request) => {
      transport.requests.push({
        ...request,
        text: bodyText(request.body),
        records: JSON.parse(bodyText(request.body)),
      });
      if (request.url.includes('/bad/'))
        return { status: 500, headers: {}, body: '{"code":500,"message":"down"}' };
      return okIngestAnswer(request);
    };
    client.send('bad', order(1));
    void client.flush();
    for (let t = 0; t < 60; t++) {
      client.send('good', order(t));
      void client.flush();
      await tick(clock, 1000);
    }
    const bad = transport.requests.filter((r) => r.url.includes('/bad/'));
    expect(bad).toHaveLength(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      reason: 'retries_exhausted',
      count: 1,
      status: 500,
      serverMessage: 'down',
    });
    expect(errors[0]!.eventIds).toEqual([bad[0]!.records[0]!.event_id]);
    expect(client.stats()).toMatchObject({ failed: 1, sent: 60 });
  });

  it('splits a batch on 413 and sends the halves', async () => {
    const { client, transport } = setup();
    transport.enqueueAnswers({ status: 413, headers: {}, body: 'Payload Too Large' });
    for (let i = 0; i < 10; i++) client.send('s', order(i));
    await client.flush();
    expect(transport.requests.map((r) => r.records.length)).toEqual([10, 5, 5]);
    expect(client.stats()).toMatchObject({ sent: 10, failed: 0 });
  });

  it('drops a batch on other 4xx and reports the server message', async () => {
    const { client, transport, errors } = setup();
    transport.enqueueAnswers({
      status: 401,
      headers: {},
      body: '{"code":401,"message":"Unauthorized Access"}',
    });
    client.send('s', order(1));
    await client.flush();
    expect(errors[0]).toMatchObject({
      reason: 'rejected_by_server',
      status: 401,
      serverMessage: 'Unauthorized Access',
    });
    expect(errors[0]!.message).not.toContain('Complexpass');
    expect(client.stats()).toMatchObject({ failed: 1, sent: 0 });
  });

  it('accounts for partial success and for a silent shortfall', async () => {
    const { client, transport, errors } = setup();
    transport.enqueueAnswers({
      status: 200,
      headers: {},
      body: JSON.stringify({
        code: 200,
        status: [{ name: 's', successful: 6, failed: 3, error: 'Too old data' }],
      }),
    });
    for (let i = 0; i < 10; i++) client.send('s', order(i));
    await client.flush();
    expect(errors.map((e) => [e.reason, e.count])).toEqual([
      ['partial_failure', 3],
      ['silent_drop', 1],
    ]);
    expect(errors[0]!.serverMessage).toBe('Too old data');
    const stats = client.stats();
    expect(stats).toMatchObject({ sent: 6, failed: 4 });
    expectBalanced(stats);
  });
});

describe('createClient bounds and shutdown', () => {
  it('drops the oldest records beyond maxQueueEvents and counts each one', async () => {
    const { client, transport, clock, errors } = setup({ maxQueueEvents: 100, batchSize: 50 });
    transport.hold();
    for (let i = 0; i < 1000; i++) client.send('s', order(i));
    await tick(clock);
    const stats = client.stats();
    expect(stats.queued + stats.inFlight).toBe(100);
    expect(stats.dropped).toBe(900);
    expect(errors.filter((e) => e.reason === 'queue_overflow').reduce((n, e) => n + e.count, 0)).toBe(900);
    transport.release();
    await client.flush();
    const ids = transport.requests.flatMap((r) => r.records.map((x) => x.order_id));
    expect(ids.at(-1)).toBe('o-999');
    expectBalanced(client.stats());
  });

  it('shutdown waits for delivery, then refuses new records', async () => {
    const { client, transport, errors } = setup();
    client.send('s', order(1));
    const stats = await client.shutdown();
    expect(stats).toMatchObject({ sent: 1, queued: 0 });
    client.send('s', order(2));
    expect(errors.map((e) => e.reason)).toEqual(['client_closed']);
    expect(transport.requests).toHaveLength(1);
  });

  it('shutdown gives up after timeoutMs and reports what it dropped', async () => {
    const { client, transport, clock, errors } = setup({ batchSize: 5, maxInFlight: 1 });
    transport.hold();
    for (let i = 0; i < 10; i++) client.send('s', order(i));
    const done = client.shutdown({ timeoutMs: 1000 });
    await clock.advanceAsync(1000);
    const stats = await done;
    // The queued batch is dropped; the held request is aborted and its records dropped too.
    expect(stats).toMatchObject({ inFlight: 0, dropped: 10, queued: 0, sent: 0 });
    expect(errors.map((e) => [e.reason, e.count])).toEqual([
      ['shutdown_timeout', 5],
      ['shutdown_timeout', 5],
    ]);
    expect(transport.requests[0]!.signal?.aborted).toBe(true);
    expectBalanced(stats);
  });
});
