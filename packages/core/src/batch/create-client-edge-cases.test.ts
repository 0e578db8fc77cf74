import { describe, expect, it } from 'vitest';
import { ShoptelConfigError } from '../config/config-error.js';
import type { ClientOptions } from './client-options.js';
import { isBalanced, setupClient } from './client-test-setup.js';
import { createClient } from './create-client.js';

const setup = setupClient;

const balanced = isBalanced;

describe('createClient edge cases', () => {
  it('sends a record with an impossible _timestamp at its send time, and the rest on the timer', async () => {
    const { client, transport, clock, errors } = setup();
    client.send('s', { _timestamp: 1e30, a: 1 });
    client.send('s', { _timestamp: '9'.repeat(30), b: 2 });
    client.send('s', { c: 3 });
    await clock.advanceAsync(5000);
    expect(transport.requests.flatMap((r) => r.records)).toHaveLength(3);
    expect(transport.requests[0]!.records[0]!._timestamp).toBe(clock.now() * 1000 - 5000 * 1000);
    expect(errors.filter((e) => e.reason === 'internal')).toEqual([]);
    expect(balanced(client.stats())).toBe(true);
  });

  it('masks secrets inside arrays and deep objects, and camelCase secret names', async () => {
    const { client, transport } = setup();
    client.send('s', {
      items: [{ password: 'pw-in-array', token: 't', sku: 'a' }],
      a: { b: { c: { password: 'deep-pw', ok: 1 } } },
      newPassword: 'hunter2',
      cardCvv: '123',
      authToken: 'tok-abc',
    });
    await client.flush();
    const wire = transport.requests[0]!.text;
    for (const secret of ['pw-in-array', '"t"', 'deep-pw', 'hunter2', '"123"', 'tok-abc'])
      expect(wire).not.toContain(secret);
    expect(transport.requests[0]!.records[0]).toMatchObject({
      newpassword: '[REDACTED]',
      a_b_c: '{"password":"[REDACTED]","ok":1}',
    });
  });

  it('keeps accounting exact when the intake is full and a retried batch comes back', async () => {
    const { client, transport, clock, errors } = setup({ maxQueueEvents: 1000, batchSize: 100 });
    transport.hold();
    for (let i = 0; i < 100; i++) client.send('s', { i });
    await clock.advanceAsync(0); // one batch in flight
    for (let i = 0; i < 1000; i++) client.send('s', { i }); // the intake is now full
    transport.enqueueAnswers({ status: 503, headers: {}, body: '' });
    transport.release();
    await clock.advanceAsync(0);
    for (let i = 0; i < 5; i++) client.send('s', { i });
    expect(errors.filter((e) => e.reason === 'internal')).toEqual([]);
    expect(balanced(client.stats())).toBe(true);
    await clock.advanceAsync(60_000);
    await client.flush();
    expect(balanced(client.stats())).toBe(true);
  });

  it('counts records in flight against maxQueueEvents and drops waiting ones for room', async () => {
    const { client, transport, clock, errors } = setup({ maxQueueEvents: 1000, batchSize: 100 });
    transport.hold();
    for (let i = 0; i < 100; i++) client.send('s', { i });
    await clock.advanceAsync(0); // one batch of 100 in flight
    expect(client.stats().inFlight).toBe(100);
    for (let i = 0; i < 1000; i++) client.send('s', { i });
    const stats = client.stats();
    expect(stats.queued + stats.inFlight).toBe(1000);
    expect(stats.dropped).toBe(100);
    transport.release();
    await client.flush();
    // Drops are reported in one summary per drain, not one call per record.
    expect(errors.filter((e) => e.reason === 'queue_overflow').reduce((n, e) => n + e.count, 0)).toBe(100);
    expect(balanced(client.stats())).toBe(true);
  });

  it('writes what toJSON gives (URLs, decimal types) and leaves out empty arrays and objects', async () => {
    const { client, transport } = setup();
    const decimal = { d: [9, 9900000], e: 0, s: 1, toJSON: () => '9.99' };
    client.send('s', { page_url: new URL('https://shop.example/p'), amount: decimal, tags: [], extra: {} });
    await client.flush();
    const [record] = transport.requests[0]!.records;
    expect(record).toMatchObject({ page_url: 'https://shop.example/p', amount: '9.99' });
    expect(record).not.toHaveProperty('tags');
    expect(record).not.toHaveProperty('extra');
  });

  it('treats shutdown({ timeoutMs: Infinity }) as no limit', async () => {
    const { client, transport, clock } = setup();
    transport.enqueueAnswers({ status: 503, headers: {}, body: '' });
    client.send('s', { a: 1 });
    const done = client.shutdown({ timeoutMs: Number.POSITIVE_INFINITY });
    await clock.advanceAsync(10_000);
    expect(await done).toMatchObject({ sent: 1, dropped: 0 });
  });

  it('drops (not strands) the halves of a batch split by a 413 that arrives after a shutdown timeout', async () => {
    const { client, transport, clock } = setup({ batchSize: 10 });
    // A transport that ignores the abort signal and answers 413 late.
    let answer: (() => void) | undefined;
    transport.send = async () => {
      await new Promise<void>((resolve) => {
        answer = resolve;
      });
      return { status: 413, headers: {}, body: 'Payload Too Large' };
    };
    for (let i = 0; i < 10; i++) client.send('s', { i });
    const done = client.shutdown({ timeoutMs: 50 });
    await clock.advanceAsync(2000);
    await done;
    answer?.();
    await clock.advanceAsync(0);
    expect(client.stats()).toMatchObject({ queued: 0, inFlight: 0, dropped: 10 });
    await expect(client.flush()).resolves.toBeUndefined();
  });

  it('refuses an async beforeSend rather than sending an empty record', async () => {
    const { client, transport, errors } = setup({
      beforeSend: (async (record: Record<string, unknown>) =>
        record) as unknown as ClientOptions['beforeSend'],
    });
    client.send('s', { a: 1 });
    await client.flush();
    expect(transport.requests).toHaveLength(0);
    expect(errors.map((e) => e.reason)).toEqual(['before_send_failed']);
  });
});

describe('createClient send', () => {
  it('serializes at once: changing or reusing the object after send changes nothing sent', async () => {
    const { client, transport } = setup();
    const record: Record<string, unknown> = { order_id: 'o-1', amount: 10, meta: { step: 'cart' } };
    client.send('s', record);
    record.amount = 99;
    (record.meta as Record<string, unknown>).step = 'paid';
    record.order_id = 'o-2';
    client.send('s', record);
    await client.flush();
    expect(transport.requests[0]!.records.map((r) => [r.order_id, r.amount, r.meta_step])).toEqual([
      ['o-1', 10, 'cart'],
      ['o-2', 99, 'paid'],
    ]);
  });
});

describe('createClient option checks', () => {
  const problemsOf = (options: ClientOptions) => {
    try {
      createClient(options);
    } catch (error) {
      expect(error).toBeInstanceOf(ShoptelConfigError);
      return (error as ShoptelConfigError).problems;
    }
    throw new Error('expected a ShoptelConfigError');
  };

  it('refuses commonFields that would break every request', () => {
    const problems = problemsOf({ commonFields: { service: undefined, version: Number.NaN } as never });
    expect(problems.map((p) => p.field)).toEqual(['commonFields.service', 'commonFields.version']);
  });

  it('refuses a URL with credentials without echoing them, and non-string values by name', () => {
    const problems = problemsOf({ url: 'http://root:s3cret@o2.example.com', organization: 42 as never });
    expect(problems.map((p) => p.field)).toEqual(['url', 'organization']);
    expect(JSON.stringify(problems)).not.toContain('s3cret');
    expect(problemsOf({ url: 5080 as never })[0]!.field).toBe('url');
  });

  it('refuses retry delays that timers cannot hold', () => {
    expect(problemsOf({ retryMaxDelayMs: 3_000_000_000 })[0]!.field).toBe('retryMaxDelayMs');
  });
});

describe('createClient second review', () => {
  it('keeps an async beforeSend that rejects from crashing the process', async () => {
    const { client, errors } = setup({
      beforeSend: (async () => {
        throw new Error('lookup failed');
      }) as unknown as ClientOptions['beforeSend'],
    });
    client.send('s', { a: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10)); // an unhandled rejection would fail the run
    expect(errors.map((e) => e.reason)).toEqual(['before_send_failed']);
  });

  it('writes Error values as name, message and stack, card numbers masked', async () => {
    const { client, transport } = setup();
    client.send('s', { err: new Error('card 4111111111111111 declined') });
    await client.flush();
    const [record] = transport.requests[0]!.records;
    expect(record).toMatchObject({ err_name: 'Error', err_message: 'card ************1111 declined' });
    expect(typeof record!.err_stack).toBe('string');
  });

  it('masks card numbers given as numbers, BigInts, keys, ids and common fields', async () => {
    const { client, transport } = setup({
      commonFields: { api_key: 'sk_live_x', note: 'card 4111111111111111' },
    });
    client.send('s', {
      cc: 4111111111111111,
      big: 4111111111111111n,
      '5500000000000004': 'x',
      event_id: '4111111111111111',
      ordered_at_ms: 1732550400000, // an epoch time, not a card: left alone
    });
    await client.flush();
    const wire = transport.requests[0]!.text;
    expect(wire).not.toMatch(/4111111111111111|5500000000000004|sk_live_x/);
    expect(transport.requests[0]!.records[0]).toMatchObject({
      cc: '************1111',
      ordered_at_ms: 1732550400000,
    });
  });

  it('accepts a Date or epoch number as event_time and keeps one string column', async () => {
    const { client, transport } = setup();
    client.send('s', { event_time: new Date(Date.UTC(2026, 0, 1)) });
    client.send('s', { event_time: Date.UTC(2026, 0, 1) });
    await client.flush();
    for (const record of transport.requests[0]!.records)
      expect(record.event_time).toBe('2026-01-01T00:00:00.000Z');
  });

  it('treats a NaN or negative shutdown timeout as the default, not as "no limit"', async () => {
    const { client, transport, clock } = setup();
    transport.hold();
    client.send('s', { a: 1 });
    const done = client.shutdown({ timeoutMs: Number.NaN });
    await clock.advanceAsync(10_000);
    await clock.advanceAsync(1000);
    expect((await done).dropped).toBe(1);
  });

  it('refuses reserved common fields and non-function hooks by name', () => {
    expect(() => createClient({ commonFields: { event_id: 'x' } })).toThrow(/commonFields.event_id/);
    expect(() => createClient({ beforeSend: true as never })).toThrow(/beforeSend/);
    expect(() => createClient({ retention: { logs: Symbol('x') as never } })).toThrow(ShoptelConfigError);
    expect(() => createClient({ url: 'http://admin:S3/cret@localhost:5080' })).toThrow(/credentials/);
  });

  it('refuses a maxFieldsPerRecord that leaves a record no field of its own', () => {
    expect(() =>
      createClient({ maxFieldsPerRecord: 5, commonFields: { service: 's', region: 'eu' } }),
    ).toThrow(/maxFieldsPerRecord: must be a whole number from 6/);
    expect(
      createClient({ maxFieldsPerRecord: 6, commonFields: { service: 's', region: 'eu' } }),
    ).toBeDefined();
  });
});
