import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/sink/start-fault-sink.js';
import { createRecordSerializer, serializedText } from './serialize-record.js';
import type { UuidV7Source } from './uuid-v7.js';
import { writeShortDecimal } from './write-record-bytes.js';

const NOW = Date.UTC(2026, 11, 3, 20);
const ID = '019ae5a0-0000-7000-8000-000000000001';
const ids: UuidV7Source = {
  next: () => ID,
  writeNext: (bytes, at) => bytes.set(new TextEncoder().encode(ID), at),
};
const serialize = createRecordSerializer({
  flattenLevel: 3,
  maxStringLength: 200,
  commonFields: { service: 'checkout', sdk: 'shoptel-node/0.1.0' },
  ingestWindow: { allowedPastMs: 5 * 3600_000, allowedFutureMs: 24 * 3600_000 },
  eventIds: ids,
});

/** The same fields in a class instance: the serializer's careful walk writes it. */
class Careful {}
function viaCarefulWalk(record: Record<string, unknown>) {
  return Object.assign(new Careful(), record);
}

function text(record: object) {
  const result = serialize(record, NOW, NOW);
  if (!result.ok) throw new Error(result.problem);
  return { json: serializedText(result), fast: result.bytes !== undefined };
}

const STRINGS = [
  'order event',
  'say "hi"',
  'C:\\temp\\x',
  'tab\there\nnew line\r\u0001\u001f\u007f',
  'größe café ñ',
  '注文 确认',
  'emoji 🛒 and 🧾',
  'lone \ud800 high',
  'lone \udc00 low',
  '',
  'order 4000000000000037', // 16 digits, no Luhn: not a card
  'ref 1234-5678-9012-3456', // grouped, no Luhn
  '1701234567890123',
  `long ${'x'.repeat(150)}`,
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  42,
  10.25,
  -3.5,
  1e21,
  2 ** 53 - 1,
  -(2 ** 53 - 1),
  1e-7,
  0.1 + 0.2,
  1_733_250_000_000,
];
const KEYS = [
  'order_id',
  'userId',
  'Amount',
  'total.price',
  'item-count',
  'größe',
  '注文',
  'x',
  'aB_c',
  '123',
  '7',
];

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (roll < 0.35) return STRINGS[Math.floor(random() * STRINGS.length)];
  if (roll < 0.6) return NUMBERS[Math.floor(random() * NUMBERS.length)];
  if (roll < 0.7) return random() < 0.5;
  if (roll < 0.75) return null;
  if (roll < 0.8) return undefined;
  if (depth < 3) return randomObject(random, depth + 1);
  return 'leaf';
}

function randomObject(random: () => number, depth: number): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const count = Math.floor(random() * (depth === 0 ? 12 : 4));
  for (let i = 0; i < count; i++)
    record[KEYS[Math.floor(random() * KEYS.length)]!] = randomValue(random, depth);
  return record;
}

describe('the byte writer (fast path)', () => {
  it('writes what the careful walk writes, for 20,000 random records', () => {
    const random = seededRandom(13);
    let fast = 0;
    let comparedAsText = 0;
    for (let i = 0; i < 20_000; i++) {
      const record = randomObject(random, 0);
      const quick = text(record);
      const careful = text(viaCarefulWalk(record));
      expect(careful.fast).toBe(false);
      if (quick.fast) fast++;
      // Two keys can normalise to one name (`Amount`, `amount`): JSON readers keep the last value.
      // The walk's object also puts integer-like names (`123`) first; JSON readers ignore order.
      const parsed = JSON.parse(quick.json) as Record<string, unknown>;
      expect(parsed).toEqual(JSON.parse(careful.json));
      const names = Object.keys(parsed);
      const plainOrder =
        names.length === (quick.json.match(/":/g) ?? []).length && !names.some((n) => /^\d+$/.test(n));
      if (plainOrder) {
        expect(quick.json).toBe(careful.json);
        comparedAsText++;
      }
    }
    expect(comparedAsText).toBeGreaterThan(5000);
    // Most records take the fast path; the rest (too deep, too long) the walk, with equal results.
    expect(fast).toBeGreaterThan(10_000);
  });

  it('takes flat, camelCase and nested records, and leaves to the walk what needs judgement', () => {
    expect(text({ level: 'info', userId: 'u-1', metadata: { paymentMethod: 'card', items: 3 } }).fast).toBe(
      true,
    );
    for (const record of [
      { message: 'paid with 4111 1111 1111 1111' },
      { password: 'x' },
      { token: { value: 'x' } },
      { tags: ['a'] },
      { at: new Date(NOW) },
      { big: 10n },
      { nan: Number.NaN },
      { _timestamp: NOW },
      { deep: { deeper: { deepest: { x: 1 } } } },
      { long: 'y'.repeat(201) },
      { card: 4111111111111111 },
    ])
      expect(text(record).fast).toBe(false);
  });

  it('writes the header the walk writes: clamped _timestamp, event_time, event_id, common fields', () => {
    const { json } = text({ a: 1 });
    expect(json).toBe(
      `{"_timestamp":${NOW * 1000},"event_time":"2026-12-03T20:00:00.000Z","event_id":"${ID}","service":"checkout","sdk":"shoptel-node/0.1.0","a":1}`,
    );
    expect(text({}).json).toBe(text(viaCarefulWalk({})).json);
  });

  it('writes a value that repeats (kept as bytes) as the walk does, and a new one after it', () => {
    const values = [
      'info',
      'info',
      'info',
      'warn',
      'info',
      'warn',
      'warn',
      'say "hi"',
      'say "hi"',
      'é',
      'é',
      'info',
    ];
    for (const level of values) {
      const record = { level, nested: { level, n: 1 }, id: `x-${level}` };
      const quick = text(record);
      expect(quick.fast).toBe(true);
      expect(quick.json).toBe(text(viaCarefulWalk(record)).json);
    }
    // A card number never becomes a kept value: the record takes the walk every time.
    const card = 'paid with 4111 1111 1111 1111';
    for (let i = 0; i < 3; i++) expect(text({ note: card }).fast).toBe(false);
  });

  it('spells numbers exactly as JSON.stringify does: fractions, -0, tiny, huge, random doubles', () => {
    const random = seededRandom(7);
    const numbers: number[] = [
      ...NUMBERS,
      12.5,
      0.5,
      0.05,
      0.000001,
      0.0000015,
      9.999999,
      99.995,
      1.005,
      2 ** 31 - 0.5,
      2 ** 31 + 0.5,
      -(2 ** 31) + 0.25,
      1e-6,
      9e-7,
      123456.789012,
      0.1,
      0.7,
      1.1,
      4.35,
      1e15 + 0.5,
      5e-324,
      Number.MAX_VALUE,
      Number.MIN_SAFE_INTEGER,
      2 ** 53,
      1e12 - 0.5,
    ];
    for (let i = 0; i < 10_000; i++) {
      const decimals = Math.floor(random() * 9);
      const whole = Math.floor(random() * 10 ** Math.floor(random() * 11));
      const sign = random() < 0.3 ? -1 : 1;
      numbers.push(sign * (whole + Math.floor(random() * 10 ** decimals) / 10 ** decimals));
      numbers.push(sign * random() * 10 ** Math.floor(random() * 12 - 7));
    }
    const bytes = new Uint8Array(32);
    let short = 0;
    for (const n of numbers) {
      const end = writeShortDecimal(bytes, 0, n);
      if (end >= 0) {
        short++;
        expect(new TextDecoder().decode(bytes.subarray(0, end))).toBe(JSON.stringify(n));
      }
      // And through the whole record, fast path against the careful walk's JSON.stringify.
      if (Math.abs(n) < 1e12) expect(text({ n }).json).toBe(text(viaCarefulWalk({ n })).json);
    }
    expect(short).toBeGreaterThan(5000);
  });
});
