// Regression tests from the review of the client split, the in-flight queue bound and the record
// checks: each failed before its fix.
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isBalanced, setupClient } from './client-test-setup.js';

describe('records that name themselves', () => {
  it("sends the caller's own class instances and objects that set Symbol.toStringTag", async () => {
    // A class naming itself for debugging (`[object Order]`) is still the caller's record; before
    // the fix it was refused as a built-in ("got an Order").
    class Order {
      readonly orderId = 'o-1';
      get [Symbol.toStringTag]() {
        return 'Order';
      }
    }
    class Refund {
      readonly refundId = 'r-1';
      readonly [Symbol.toStringTag] = 'Refund';
    }
    const { client, transport, errors } = setupClient();
    client.send('s', new Order());
    client.send('s', new Refund());
    client.send('s', { [Symbol.toStringTag]: 'Cart', cartId: 'c-1' });
    // A plain object from another realm (an iframe, `vm`) and Proxies are plain objects too, even
    // one whose get trap answers for every key, Symbol.toStringTag included.
    client.send('s', vm.runInNewContext('({ realm: "other" })'));
    client.send('s', new Proxy({ proxied: 1 }, {}));
    client.send(
      's',
      new Proxy({ defaulted: 2 }, { get: (target, key) => Reflect.get(target, key) ?? 'n/a' }),
    );
    await client.flush();
    expect(errors).toEqual([]);
    expect(transport.requests[0]!.records).toMatchObject([
      { orderid: 'o-1' },
      { refundid: 'r-1' },
      { cartid: 'c-1' },
      { realm: 'other' },
      { proxied: 1 },
      { defaulted: 2 },
    ]);
  });

  it('still refuses built-ins, from this realm or another, whose data JSON does not see', async () => {
    class AppError extends Error {}
    const builtIns: object[] = [
      vm.runInNewContext('new Map([["a", 1]])'),
      vm.runInNewContext('new Date()'),
      Buffer.from('x'),
      new DataView(new ArrayBuffer(1)),
      new URL('http://127.0.0.1/'),
      new Blob(['x']),
      new Headers(),
      new WeakMap(),
      new AppError('boom'),
      (function (this: unknown) {
        // biome-ignore lint/complexity/noArguments: an arguments object is the value under test
        return arguments;
      })(),
      Object(1n) as object,
    ];
    const { client, transport, errors } = setupClient();
    for (const value of builtIns) client.send('s', value);
    await client.flush();
    expect(transport.requests).toHaveLength(0);
    expect(errors.map((e) => e.reason)).toEqual(builtIns.map(() => 'invalid_record'));
  });
});

describe('maxQueueEvents counting records in flight', () => {
  it('holds at most maxQueueEvents even when every held record is in flight', async () => {
    // maxQueueEvents ≤ batchSize × maxInFlight: with the whole bound in flight nothing waiting can
    // be dropped. Before the fix the new record was kept anyway, and each flush-timer batch
    // started alongside added one more (101, then 102 held for a bound of 100).
    const { client, transport, clock, errors } = setupClient({ maxQueueEvents: 100, batchSize: 100 });
    transport.hold();
    for (let i = 0; i < 100; i++) client.send('s', { i });
    await clock.advanceAsync(0);
    expect(client.stats().inFlight).toBe(100);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) client.send('s', { round, i });
      const stats = client.stats();
      expect(stats.queued + stats.inFlight).toBeLessThanOrEqual(100);
      expect(isBalanced(stats)).toBe(true);
      await clock.advanceAsync(5000); // the flush timer: closes and starts what waits
    }
    expect(client.stats().dropped).toBe(30);
    expect(errors.filter((e) => e.reason === 'queue_overflow').reduce((n, e) => n + e.count, 0)).toBe(30);
    transport.release();
    await client.flush();
    expect(client.stats()).toMatchObject({ sent: 100, dropped: 30, queued: 0, inFlight: 0 });
    expect(isBalanced(client.stats())).toBe(true);
  });

  it('drops nothing for a burst of 5,000 with the defaults while earlier batches are in flight', async () => {
    const { client, transport, clock } = setupClient();
    transport.hold();
    for (let i = 0; i < 5000; i++) client.send('s', { i });
    await clock.advanceAsync(0);
    for (let i = 0; i < 5000; i++) client.send('s', { i });
    await clock.advanceAsync(0);
    transport.release();
    await client.flush();
    expect(client.stats()).toMatchObject({ enqueued: 10_000, sent: 10_000, dropped: 0 });
  });
});
