// What a new user passes to send(), beforeSend and onError that no other test names: built-in
// objects as records, records typed by an interface, hooks returning the wrong thing, async hooks.
import { describe, expect, it } from 'vitest';
import { setupClient } from './client-test-setup.js';
import type { DeliveryError } from './delivery-error.js';

describe('send() input checks', () => {
  it('refuses built-in objects as records (they would arrive as empty rows) and names them', async () => {
    const { client, transport, errors } = setupClient();
    const builtIns: object[] = [
      new Date(),
      new Map([['a', 1]]),
      new Set([1]),
      new Error('boom'),
      /x/,
      new Uint8Array([1]),
      new String('s'),
      Promise.resolve(1),
    ];
    for (const value of builtIns) client.send('s', value);
    await client.flush();
    expect(transport.requests).toHaveLength(0);
    expect(errors.map((e) => e.reason)).toEqual(builtIns.map(() => 'invalid_record'));
    expect(errors.map((e) => e.message.match(/got (an? \w+)/)?.[1])).toEqual([
      'a Date',
      'a Map',
      'a Set',
      'an Error',
      'a RegExp',
      'a Uint8Array',
      'a String',
      'a Promise',
    ]);
    expect(errors[3]!.message).toContain('{ error }');
    expect(client.stats()).toMatchObject({ enqueued: 8, failed: 8, sent: 0 });
  });

  it('sends class instances, null-prototype objects and interface-typed records', async () => {
    class OrderPaid {
      readonly orderId: string;
      readonly amount: number;
      constructor(orderId: string, amount: number) {
        this.orderId = orderId;
        this.amount = amount;
      }
    }
    interface CartAdded {
      productId: string;
      quantity: number;
    }
    const cartAdded: CartAdded = { productId: 'p-1', quantity: 2 };
    const bare = Object.assign(Object.create(null) as object, { k: 1 });
    const { client, transport, errors } = setupClient();
    client.send('s', new OrderPaid('o-1', 42));
    client.send('s', cartAdded); // compiles without a cast: send takes any object type
    client.send('s', bare);
    await client.flush();
    expect(transport.requests[0]!.records).toMatchObject([
      { orderid: 'o-1', amount: 42 },
      { productid: 'p-1', quantity: 2 },
      { k: 1 },
    ]);
    expect(errors).toEqual([]);
  });

  it("sends what a record's toJSON() returns, as JSON.stringify does (ORM documents and models)", async () => {
    // A Mongoose document keeps its data in `_doc` and state in `$__`; a Sequelize model in
    // `dataValues`. Before, their internals went out as fields (`_doc_order_id`, `____activepaths_x`)
    // without a word, while the same object nested in a record was sent through toJSON().
    class OrderDocument {
      $__ = { activePaths: { x: 1 } };
      _doc = { order_id: 'o-1', amount: 5 };
      $isNew = false;
      toJSON() {
        return { ...this._doc };
      }
    }
    const seen: unknown[] = [];
    const { client, transport, errors } = setupClient({
      beforeSend: (record) => {
        seen.push(record);
        return record;
      },
    });
    client.send('orders', new OrderDocument());
    client.send('orders', { nested: new OrderDocument() });
    client.send('orders', { toJSON: () => 'text', a: 1 });
    client.send('orders', {
      toJSON: () => {
        throw new Error('closed');
      },
    });
    await client.flush();
    expect(transport.requests[0]!.records).toEqual([
      expect.objectContaining({ order_id: 'o-1', amount: 5 }),
      expect.objectContaining({ nested_order_id: 'o-1', nested_amount: 5 }),
    ]);
    expect(Object.keys(transport.requests[0]!.records[0]!)).not.toContain('_doc_order_id');
    expect(seen[0]).toEqual({ order_id: 'o-1', amount: 5 });
    expect(errors.map((e) => [e.reason, e.message])).toEqual([
      ['invalid_record', expect.stringMatching(/toJSON\(\) returned 'text'/)],
      ['invalid_record', expect.stringMatching(/toJSON\(\) threw .*closed/)],
    ]);
  });

  it('drops a record whose beforeSend returns neither a record nor null/false, and says so', async () => {
    const returns: unknown[] = ['text', 0, true, [1], new Date()];
    const { client, transport, errors } = setupClient({
      beforeSend: (record) => returns[record.i as number] as never,
    });
    returns.forEach((_, i) => {
      client.send('s', { i });
    });
    await client.flush();
    expect(transport.requests).toHaveLength(0);
    expect(errors.map((e) => e.reason)).toEqual(returns.map(() => 'before_send_failed'));
    expect(errors[4]!.message).toMatch(/^beforeSend must return .* it returned a Date/);
    expect(client.stats()).toMatchObject({ enqueued: 5, failed: 5, filtered: 0 });
  });

  it('handles the rejection of an async onError so it cannot crash the host', async () => {
    const seen: DeliveryError[] = [];
    let rejectionHandled = false;
    const { client } = setupClient({
      // A thenable stands in for a rejected promise: it records whether the client handles it.
      onError: ((error: DeliveryError) => {
        seen.push(error);
        return {
          // biome-ignore lint/suspicious/noThenProperty: a thenable is what is under test
          then(_onFulfilled: unknown, onRejected: unknown) {
            rejectionHandled = typeof onRejected === 'function';
          },
        };
      }) as never,
    });
    client.send('s', 'not a record' as never);
    expect(seen.map((e) => e.reason)).toEqual(['invalid_record']);
    expect(rejectionHandled).toBe(true);
  });
});
