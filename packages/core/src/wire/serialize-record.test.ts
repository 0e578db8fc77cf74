import { describe, expect, it } from 'vitest';
import { setupClient } from '../batch/client-test-setup.js';
import { createRecordSerializer, type RecordSerializerOptions, serializedText } from './serialize-record.js';
import type { UuidV7Source } from './uuid-v7.js';

const NOW = Date.UTC(2024, 10, 25, 16); // 2024-11-25T16:00:00Z
const EVENT_ID = '0190b6c6-0000-7000-8000-00000000000a';

/** Every record gets the same id, so expected JSON can be written out. */
function fixedEventIds(id: string): UuidV7Source {
  const idBytes = new TextEncoder().encode(id);
  return { next: () => id, writeNext: (bytes, at) => bytes.set(idBytes, at) };
}

function serializer(options: Partial<RecordSerializerOptions> = {}) {
  const serialize = createRecordSerializer({
    flattenLevel: 3,
    maxStringLength: 65_536,
    commonFields: { service: 'checkout' },
    ingestWindow: { allowedPastMs: 5 * 3600_000, allowedFutureMs: 24 * 3600_000 },
    eventIds: fixedEventIds(EVENT_ID),
    ...options,
  });
  return (record: object) => {
    const result = serialize(record, NOW, NOW);
    if (!result.ok) throw new Error(result.problem);
    const json = serializedText(result);
    return { json, record: JSON.parse(json) as Record<string, unknown>, notes: result.notes };
  };
}

/** Card numbers of several networks and lengths, all Luhn-valid test numbers. */
const CARDS = {
  visa: '4111111111111111',
  visa2: '4012888888881881',
  mastercard: '5555555555554444',
  mastercard2: '2223003122003222',
  amex: '378282246310005',
  discover: '6011111111111117',
  diners: '30569309025904',
  jcb: '3530111333300000',
  unionpay: '6212345678901232',
  visa19: '4111111111111111110',
  unionpay19: '6212345678901234569',
};

/** True when `json` holds the card's digits before its last four, in any separator format. */
function leaks(wire: string, digits: string): boolean {
  // The generated time is no part of the record (and is full of zeros).
  const json = wire.replace(/"_timestamp":\d+/g, '');
  const hidden = digits.slice(0, -4);
  // Six digits in a row of the hidden part, whatever punctuation or escapes lie between them.
  for (let at = 0; at + 6 <= hidden.length; at++) {
    const pattern = hidden
      .slice(at, at + 6)
      .split('')
      .join('[^0-9A-Za-z]{0,4}');
    if (new RegExp(pattern).test(json)) return true;
  }
  return false;
}

/** The shapes a card number is written in, from the issue: separators, glue, signs, neighbours. */
function shapesOf(digits: string): string[] {
  const g4 = digits.match(/.{1,4}/g)!;
  return [
    digits,
    g4.join(' '),
    g4.join('-'),
    g4.join('.'),
    g4.join('/'),
    g4.join('  '),
    g4.join('\t'),
    g4.join(' - '),
    `visa${digits}`,
    `card:${digits}x`,
    `-${digits}`,
    `qty 3 ${g4.join(' ')}`,
    `order 12 item 7 ${g4.join('-')} x2`,
    `note: paid with ${digits}.`,
  ];
}

describe('card numbers never leave in clear (corpus, through the serializer)', () => {
  const serialize = serializer();
  const allShapes = Object.entries(CARDS).flatMap(([network, digits]) =>
    shapesOf(digits).map((text) => [network, digits, text] as const),
  );

  it.each(allShapes)('%s written %j, in every place a record can hold it', (_, digits, text) => {
    const { json } = serialize({
      message: text,
      metadata: { note: text, nested: { deeper: { text } } },
      items: [text, { text }, [text]],
      [text]: 'a key',
      nested: { [text]: 1 },
      list: [{ [text]: 1 }],
      event_id: text.slice(0, 128),
      err: new Error(`declined ${text}`),
    });
    expect(leaks(json, digits)).toBe(false);
  });

  it.each(Object.entries(CARDS))('%s as a number, a negative number and a BigInt', (_, digits) => {
    // A 17–19 digit number is past what a double holds exactly; it is still masked.
    const values: unknown[] = [BigInt(digits), -BigInt(digits), Number(digits), -Number(digits)];
    for (const value of values) {
      const { json } = serialize({ value, nested: { value }, items: [value], deep: { a: { b: { value } } } });
      expect(leaks(json, digits)).toBe(false);
    }
  });

  it('in common fields', () => {
    const withCommon = serializer({
      commonFields: { note: `card ${CARDS.visa}`, grouped: '5555 5555 5555 4444', number: 4012888888881881 },
    });
    const { json } = withCommon({ a: 1 });
    for (const digits of [CARDS.visa, CARDS.mastercard, CARDS.visa2]) expect(leaks(json, digits)).toBe(false);
  });

  it('leaves order ids, epoch times, phone numbers and barcodes alone', () => {
    const record = {
      order_id: '1732550400123456',
      order_ref: 'o-4111111111111112',
      ordered_at_ms: 1732550400000,
      ordered_at_us: 1732550400000000,
      phone: '+49 30 1234567',
      ean: '4006381333931',
      sku_list: '1234 5678 9012 3456',
      quantities: '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16',
      metadata: { invoice: '2024-000123-4567' },
    };
    const { record: written } = serialize(record);
    const { metadata, ...flat } = record;
    expect(written).toMatchObject({ ...flat, metadata_invoice: metadata.invoice });
  });

  it('masks the whole string before cutting it, so no card number is cut in half', () => {
    const cut = serializer({ maxStringLength: 100 });
    for (let offset = 80; offset < 100; offset++) {
      const text = `${'x'.repeat(offset)}4111 1111 1111 1111 and more`;
      const { json, notes } = cut({ message: text, items: [text] });
      expect(leaks(json, CARDS.visa)).toBe(false);
      expect(json).not.toMatch(/4111/);
      expect(notes?.some((n) => n.problem.includes('cut to 100'))).toBe(true);
    }
  });

  it('does not cut a string that masking made short enough', () => {
    const cut = serializer({ maxStringLength: 30 });
    const { record, notes } = cut({ message: 'a 4111 - 1111 - 1111 - 1111 b' }); // 31 characters
    expect(record.message).toBe('a ************1111 b');
    expect(notes).toBeUndefined();
  });

  it('masks 64 KiB of digit groups quickly (the old span search took hours)', () => {
    const text = '12 '.repeat(65_536 / 3);
    const started = performance.now();
    serialize({ message: text, items: [text] });
    expect(performance.now() - started).toBeLessThan(1000); // generous: the point is not hours
  });

  it('masks a security code written beside its name, on the fast path and the careful walk', async () => {
    const { record } = serialize({
      note: 'card declined, CVV: 123',
      nested: { deeper: { deepest: ['cvc 9876'] } },
    });
    expect(record.note).toBe('card declined, CVV: ***');
    expect(record.nested_deeper_deepest).toBe('["cvc ****"]');
    const { client, transport } = setupClient({});
    client.send('payments', { message: 'retry with cvv 321 and exp 12/27' });
    await client.flush();
    expect(transport.requests[0]!.text).toContain('retry with cvv *** and exp 12/27');
  });

  it('also through createClient, the way an app sends', async () => {
    const { client, transport } = setupClient({ commonFields: { note: '4111.1111.1111.1111' } });
    client.send('payments', { message: 'paid 4111 1111 1111 1111', card: { value: CARDS.mastercard } });
    await client.flush();
    const wire = transport.requests[0]!.text;
    expect(leaks(wire, CARDS.visa)).toBe(false);
    expect(leaks(wire, CARDS.mastercard)).toBe(false);
  });
});

describe('a field inherits "sensitive" from its ancestors', () => {
  const serialize = serializer();

  it.each([
    [{ token: { value: 'tok-1' } }, 'token_value'],
    [{ pin: { value: '4321' } }, 'pin_value'],
    [{ auth: { bearer: 'b-1' } }, 'auth_bearer'],
    [{ auth: { scheme: 'Bearer', credentials: 'cred-1' } }, 'auth_credentials'],
    [{ password: { current: 'old-pw', next: 'new-pw' } }, 'password_current'],
    [{ user: { pin: { value: '4321' } } }, 'user_pin_value'],
    [{ apiKey: { primary: 'k-1' } }, 'apikey_primary'],
    [{ session: { otp: '123456' } }, 'session_otp'],
    [{ bearer: 'b-2' }, 'bearer'],
    [{ otp: '654321' }, 'otp'],
    [{ oneTimePassword: '111222' }, 'onetimepassword'],
    [{ totp: '333444' }, 'totp'],
  ])('%j hides %s', (record, field) => {
    const { json, record: written } = serialize(record);
    expect(written[field]).toBe('[REDACTED]');
    for (const secret of [
      'tok-1',
      '4321',
      'b-1',
      'cred-1',
      'old-pw',
      'new-pw',
      'k-1',
      '123456',
      'b-2',
      '654321',
    ])
      expect(json).not.toContain(secret);
    expect(json).not.toMatch(/111222|333444/);
  });

  it('hides inside arrays and objects kept as JSON text too', () => {
    const { json, record } = serialize({
      items: [{ token: { value: 'tok-a' } }, { auth: { bearer: 'b-a' } }, { pin: { value: '9876' } }],
      a: { b: { c: { password: { current: 'pw-deep' } }, token: { value: 'tok-d' } } },
      token: [{ value: 'tok-arr' }],
      card: [{ number: '5555555555554444' }],
      payments: [{ card: { number: 'n-1', brand: 'visa', last4: '1111' } }],
    });
    for (const secret of ['tok-a', 'b-a', '9876', 'pw-deep', 'tok-d', 'tok-arr', 'n-1', '555555'])
      expect(json).not.toContain(secret);
    expect(JSON.parse(record.payments as string)).toEqual([
      { card: { number: '[REDACTED]', brand: 'visa', last4: '1111' } },
    ]);
    expect(JSON.parse(record.items as string)[0]).toEqual({ token: { value: '[REDACTED]' } });
  });

  it('hides a nested secret past the flatten level, and under a secret everything', () => {
    const { json } = serialize({ x: { y: { z: { pin: 1234 } } }, token: { a: { b: { c: 'deep-tok' } } } });
    expect(json).not.toMatch(/1234|deep-tok/);
  });

  it('keeps the commerce fields that only look like secrets', () => {
    const { record } = serialize({
      pin_code: '560001',
      token_count: 42,
      auth_type: 'oauth',
      shipping: { method: 'dhl', pin_code: '10115' },
      card: { brand: 'visa', last4: '1111', exp_month: 12, number: '4111111111111111', cvc: '123' },
      card_brand: 'mastercard',
      card_last4: '4444',
      usage: { token_count: 7 },
    });
    expect(record).toMatchObject({
      pin_code: '560001',
      token_count: 42,
      auth_type: 'oauth',
      shipping_method: 'dhl',
      shipping_pin_code: '10115',
      card_brand: 'mastercard', // the record's own card_brand is written after card.brand
      card_last4: '4444',
      card_exp_month: 12,
      card_number: '[REDACTED]',
      card_cvc: '[REDACTED]',
      usage_token_count: 7,
    });
  });

  it('hides a card value written whole, and a card key inside a nested object', () => {
    const { record } = serialize({ card: 'visa ending 1111', payment: { card: '4111 1111' } });
    expect(record).toMatchObject({ card: '[REDACTED]', payment_card: '[REDACTED]' });
  });
});

describe('record times are read strictly', () => {
  const serialize = serializer();

  it.each([
    ['12/31/2024', /_timestamp \(not a time/],
    ['Tue, 31 Dec 2024 10:00:00', /not a time/],
    ['Tue, 31 Dec 2024 10:00:00 GMT', /not a time/],
    ['2024-02-30T00:00:00Z', /day 30 does not exist/],
    ['2024-11-25T24:00:00Z', /hour 24/],
  ])('%s is refused with a reason, and the send time used', (value, reason) => {
    const { record, notes } = serialize({ _timestamp: value, a: 1 });
    expect(record._timestamp).toBe(NOW * 1000);
    expect(notes).toEqual([{ path: '_timestamp', problem: expect.stringMatching(reason) }]);
    expect(notes![0]!.problem).toMatch(/the send time is used/);
  });

  it('reads ISO 8601 with or without a zone, and numbers with fractions', () => {
    expect(serialize({ _timestamp: '2024-11-25 15:00:00' }).record._timestamp).toBe((NOW - 3600_000) * 1000);
    expect(serialize({ _timestamp: '2024-11-25T21:30:00+05:30' }).record._timestamp).toBe(NOW * 1000);
    expect(serialize({ _timestamp: (NOW - 1000) / 1000 + 0.25 }).record._timestamp).toBe((NOW - 750) * 1000);
  });

  it('refuses an event_time that is not ISO 8601, and writes a good one in UTC', () => {
    const refused = serialize({ event_time: '12/31/2024 10:00' });
    expect(refused.record.event_time).toBe('2024-11-25T16:00:00.000Z');
    expect(refused.notes).toEqual([
      { path: 'event_time', problem: expect.stringMatching(/unreadable event_time/) },
    ]);
    expect(serialize({ event_time: '2024-11-25 21:30:00.123456+05:30' }).record.event_time).toBe(
      '2024-11-25T16:00:00.123456Z',
    );
    expect(serialize({ event_time: '2024-11-25T16:00:00.000Z' }).record.event_time).toBe(
      '2024-11-25T16:00:00.000Z',
    );
  });

  it("writes event_time from a record's own _timestamp with its microseconds", () => {
    // Before: `_timestamp: '…00.123456Z'` (or 1732550400123456 µs) gave event_time `…00.123Z`,
    // while the same time given as event_time kept `…00.123456Z`.
    const micros = (NOW - 1000) * 1000 + 123_456;
    for (const given of ['2024-11-25T15:59:59.123456Z', micros, '2024-11-25 15:59:59.123456789']) {
      const { record } = serialize({ _timestamp: given });
      expect(record._timestamp).toBe(micros);
      expect(record.event_time).toBe('2024-11-25T15:59:59.123456Z');
    }
    expect(serialize({ _timestamp: NOW * 1000 }).record.event_time).toBe('2024-11-25T16:00:00.000Z');
  });

  it('uses the send time silently for a null _timestamp, as OpenObserve does', () => {
    const { record, notes } = serialize({ _timestamp: null, a: 1 });
    expect(record._timestamp).toBe(NOW * 1000);
    expect(notes).toBeUndefined();
  });
});

describe('the walk', () => {
  it('replaces half an emoji with U+FFFD, which OpenObserve reads (it refuses the escape), on both paths', () => {
    const write = serializer({ maxStringLength: 9 });
    class Order {
      name = 'Mug \ud83d'; // an app cut 'Mug 🛒' after its first UTF-16 unit
      note = '\ude92 end';
      title = 'ab 🛒🛒🛒🛒'; // the 9-unit cut falls inside the third emoji
    }
    for (const record of [{ ...new Order() }, new Order()]) {
      const { json, record: wire, notes } = write(record);
      expect(json).not.toMatch(/\\ud[89a-f]/i);
      expect(wire.name).toBe('Mug \ufffd');
      expect(wire.note).toBe('\ufffd end');
      expect(wire.title).toBe('ab 🛒🛒🛒');
      expect(notes?.map((n) => `${n.path}: ${n.problem}`)).toEqual([
        'name: lone UTF-16 surrogate replaced by U+FFFD',
        'note: lone UTF-16 surrogate replaced by U+FFFD',
        'title: string of 11 characters cut to 9',
      ]);
    }
  });

  it('writes a key that normalises to __proto__ as a field, never as a prototype', () => {
    const serialize = serializer();
    const { json, record } = serialize(JSON.parse('{"__PROTO__":"x","a":{"b":1}}'));
    expect(json).toContain('"__proto__":"x"');
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps the last of two fields that flatten to one name, after the common fields', () => {
    const serialize = serializer();
    const { json, record } = serialize({ a: { b: 1 }, a_b: 2, service: 'mine' });
    expect(record).toMatchObject({ a_b: 2, service: 'mine' });
    expect(json.indexOf('"service":"checkout"')).toBeLessThan(json.indexOf('"service":"mine"'));
  });

  it('reports a value lost to a later field of the same wire name, on both paths', async () => {
    // A cart with `customer: { id }` beside `customer_id`, or `Order-Id` beside `order_id`:
    // OpenObserve keeps the later value. Before, the earlier one was lost without a word (and the
    // fast path wrote the key twice into the JSON).
    const serialize = serializer();
    const fast = serialize({ customer: { id: 'c-1' }, customer_id: 'c-2', 'Order-Id': 1, order_id: 2 });
    expect(fast.record).toMatchObject({ customer_id: 'c-2', order_id: 2 });
    expect(fast.json.match(/"customer_id"/g)).toHaveLength(1);
    expect(fast.json.match(/"order_id"/g)).toHaveLength(1);
    expect(fast.notes).toEqual([
      {
        path: 'customer_id',
        problem: expect.stringMatching(/same field name 'customer_id'.*earlier value dropped/),
      },
      { path: 'order_id', problem: expect.stringMatching(/same field name 'order_id'/) },
    ]);
    const walked = serialize({ when: new Date(NOW), a: { b: 1 }, a_b: 2 });
    expect(walked.record).toMatchObject({ a_b: 2 });
    expect(walked.notes).toEqual([{ path: 'a_b', problem: expect.stringContaining("'a_b'") }]);
    // Distinct names stay silent, also when records of one shape follow each other.
    expect(serialize({ a: { b: 1 }, c: 2 }).notes).toBeUndefined();
    expect(serialize({ a: { b: 1 }, c: 2 }).notes).toBeUndefined();

    const { client, errors } = setupClient();
    client.send('carts', { customer: { id: 'c-1' }, customer_id: 'c-2' });
    await client.flush();
    expect(errors.map((e) => [e.reason, e.message])).toEqual([
      ['record_repaired', expect.stringContaining("same field name 'customer_id'")],
    ]);
  });

  it('refuses a record with more wire fields than maxFields, on both paths, counting each name once', () => {
    const serialize = createRecordSerializer({
      flattenLevel: 3,
      maxStringLength: 65_536,
      commonFields: { service: 'checkout' },
      ingestWindow: { allowedPastMs: 5 * 3600_000, allowedFutureMs: 24 * 3600_000 },
      eventIds: fixedEventIds(EVENT_ID),
      maxFields: 10, // _timestamp, event_time, event_id, service and six of the record's own
    });
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));
    expect(serialize(fields(6), NOW, NOW).ok).toBe(true);
    expect(serialize({ service: 'mine', ...fields(6) }, NOW, NOW).ok).toBe(true);
    expect(serialize({ nested: fields(6) }, NOW, NOW).ok).toBe(true);
    const fast = serialize(fields(7), NOW, NOW);
    expect(fast).toEqual({
      ok: false,
      problem: expect.stringMatching(/^record has 11 fields .*more than the 10/),
    });
    const walked = serialize({ when: new Date(NOW), ...fields(6) }, NOW, NOW);
    expect(walked).toEqual({ ok: false, problem: expect.stringContaining('ZO_COLS_PER_RECORD_LIMIT') });
  });

  it("writes an Error's own fields and its cause (both invisible to a plain walk of its keys)", () => {
    const serialize = serializer();
    const cause = new Error('connection reset');
    const error = Object.assign(new TypeError('charge failed', { cause }), { code: 'E_PSP', status: 502 });
    const { record } = serialize({ err: error });
    expect(record).toMatchObject({
      err_name: 'TypeError',
      err_message: 'charge failed',
      err_code: 'E_PSP',
      err_status: 502,
      err_cause_name: 'Error',
      err_cause_message: 'connection reset',
    });
  });

  it('writes a Map as its entries and a Set as its values, not as an empty object left out', () => {
    const serialize = serializer();
    const { record, notes } = serialize({
      stock: new Map<unknown, unknown>([
        ['sku-1', 3],
        [42, 'x'],
      ]),
      tags: new Set(['a', 'b']),
      empty: new Map(),
    });
    expect(record).toMatchObject({ stock_sku_1: 3, stock_42: 'x', tags: '["a","b"]' });
    expect(record).not.toHaveProperty('empty');
    expect(notes).toBeUndefined();
  });

  it('writes Errors, Maps and Sets inside arrays and deep objects too, where JSON writes {}', () => {
    const serialize = serializer();
    const looping = new Error('loops');
    looping.cause = looping;
    const { record } = serialize({
      failures: [new Error('declined', { cause: new Error('issuer down') }), { at: new Map([['k', 1]]) }],
      batch: { of: { nested: { errors: [looping], seen: new Set([1, 2]) } } },
    });
    const failures = JSON.parse(record.failures as string);
    expect(failures[0]).toMatchObject({
      name: 'Error',
      message: 'declined',
      cause: { message: 'issuer down' },
    });
    expect(failures[0].stack).toContain('declined');
    expect(failures[1]).toEqual({ at: { k: 1 } });
    const nested = JSON.parse(record.batch_of_nested as string);
    expect(nested.errors[0]).toMatchObject({ message: 'loops', cause: '[Circular]' });
    expect(nested.seen).toEqual([1, 2]);
  });

  it('still masks card data inside an Error in an array', () => {
    const { json } = serializer()({ failures: [new Error('card 4111 1111 1111 1111 declined, cvv 123')] });
    expect(json).toContain('card ************1111 declined, cvv ***');
  });
});
