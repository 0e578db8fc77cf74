import { describe, expect, it } from 'vitest';
import { maskCardNumbers, maskCardNumberValue } from './mask-card-numbers.js';

describe('maskCardNumbers', () => {
  it.each([
    ['4111111111111111', '************1111'],
    ['card 4111 1111 1111 1111 used', 'card ************1111 used'],
    ['5500-0000-0000-0004', '************0004'],
    ['amex 378282246310005', 'amex ***********0005'],
    ['card 4111 1111 1111 1111 12/25', 'card ************1111 12/25'],
    ['pay 4111111111111111 5 items', 'pay ************1111 5 items'],
    ['qty 3 4111-1111-1111-1111', 'qty 3 ************1111'],
    // separators and spacing people write
    ['4111.1111.1111.1111', '************1111'],
    ['4111/1111/1111/1111', '************1111'],
    ['4111  1111  1111  1111', '************1111'],
    ['4111\t1111\t1111\t1111', '************1111'],
    ['4111 - 1111 - 1111 - 1111', '************1111'],
    ['4111 1111-1111.1111', '************1111'],
    // glued to letters or punctuation, signed, inside longer digit sequences
    ['visa4111111111111111', 'visa************1111'],
    ['card:4111111111111111x', 'card:************1111x'],
    ['-4111111111111111', '-************1111'],
    ['qty 3 4111 1111 1111 1111', 'qty 3 ************1111'],
    ['1234 4111 1111 1111 1111', '1234 ************1111'],
    ['2024-4111111111111111', '2024-************1111'],
    // the groupings of other networks and lengths
    ['amex 3782 822463 10005', 'amex ***********0005'],
    ['diners 3056 930902 5904', 'diners **********5904'],
    ['amex in fours 3782 8224 6310 005', 'amex in fours ***********0005'],
    ['diners in fours 3056-9309-0259-04', 'diners in fours **********5904'],
    ['mastercard 2-series 2223 0031 2200 3222', 'mastercard 2-series ************3222'],
    ['2720992720992729', '************2729'],
    ['visa19 4111 1111 1111 1111 110', 'visa19 ***************1110'],
    ['up 6212 3456 7890 1234 569', 'up ***************4569'],
    ['two 4111111111111111 and 5555 5555 5555 4444', 'two ************1111 and ************4444'],
  ])('masks %s', (input, expected) => expect(maskCardNumbers(input)).toBe(expected));

  it.each([
    'order 1234567890123',
    '1732550400000000',
    '1732550400000',
    'o-4111111111111112',
    'phone +49 30 1234567',
    'ean 4006381333931',
    'iban DE89 3704 0044 0532 0130 00',
    // a run of more than 19 digits is an id, whatever windows of it would pass
    '00004111111111111111',
    '4111111111111111111111',
    // separators wider than three characters split numbers
    '4111    1111    1111    1111',
    // order ids in 4-4-4-4 that fail Luhn or have no network prefix
    '1234-5678-9012-3456',
    '4111-1111-1111-1112',
    'ts 1732550400123456 µs, 1732550400123 ms',
    '+1 (415) 555-0132 ext 4111',
    'uuid 0190b6c6-0000-7000-8000-000000000001',
  ])('leaves %s', (input) => expect(maskCardNumbers(input)).toBe(input));

  it('returns the very string it was given when nothing is masked', () => {
    const text = `order ${'1'.repeat(16)}`;
    expect(maskCardNumbers(text)).toBe(text);
  });

  it('may stop after maxLength final characters, never leaving a number before them unmasked', () => {
    const text = `${'x'.repeat(10)} 4111 1111 1111 1111 ${'y'.repeat(100)} 4111111111111111`;
    const masked = maskCardNumbers(text, 20);
    expect(masked.slice(0, 20)).toBe(`${'x'.repeat(10)} *********`);
    expect(masked.length).toBeGreaterThanOrEqual(20);
    expect(maskCardNumbers(text)).not.toMatch(/4111111111111111/);
  });
});

describe('maskCardNumberValue', () => {
  it.each([
    [4111111111111111, '************1111'],
    [-4111111111111111, '-************1111'],
    [4111111111111111n, '************1111'],
    [-5555555555554444n, '-************4444'],
    [4111111111111111110n, '***************1110'],
    // past 2^53 the last digits are lost, the first would still give the card away
    [Number('4111111111111111110'), '*******************'],
    [-Number('6212345678901234569'), '-*******************'],
    [Number('62123456789012347'), '*****************'],
  ])('masks %s', (value, expected) => expect(maskCardNumberValue(value)).toBe(expected));

  it.each([
    1732550400000,
    1732550400000000,
    1732550400000000000, // an epoch time in ns
    1832550400000000000, // a snowflake-sized id: no network starts with 1
    4111111111111112,
    4.111111111111111e21,
    0.5,
    -1,
    12345678901234567890n,
  ])('leaves %s', (value) => expect(maskCardNumberValue(value)).toBeUndefined());
});

describe('maskCardNumbers runs in linear time', () => {
  // Shapes that made the old span search quadratic or worse, and shapes that make every group
  // try every card window. 64 KiB is the default maxStringLength.
  const shapes: Record<string, string> = {
    'digit groups': '1234 ',
    'single digits and spaces': '1 ',
    'single digits and dashes': '1-',
    'one long digit run': '1',
    'alternating separators': '1234 5678-9012.3456/7890\t',
    'card-shaped groups, none valid': '4111 1111 1111 1112 ',
    'valid cards back to back': '4111 1111 1111 1111 ',
    '4-6-5 groups': '3782 822463 10006 ',
    'wide gaps': '1    ',
    'digits glued to letters': '4111a',
  };
  const make = (unit: string, length: number) =>
    unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const timeMs = (text: string, times = 1) => {
    const started = performance.now();
    for (let i = 0; i < times; i++) maskCardNumbers(text);
    return performance.now() - started;
  };

  it.each(Object.entries(shapes))('%s: 64 KiB well under 50 ms, and no slower than 4 × 16 KiB', (_, unit) => {
    const small = make(unit, 16 * 1024);
    const large = make(unit, 64 * 1024);
    for (let i = 0; i < 3; i++) timeMs(large); // warm up the JIT
    // 64 KiB once against 16 KiB four times: the same work if the cost is linear, 4× if it is
    // quadratic. Both take about as long, so a loaded machine slows them alike; the best of
    // several interleaved runs keeps only the least disturbed of each.
    let smallMs = Number.POSITIVE_INFINITY;
    let largeMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 9; i++) {
      smallMs = Math.min(smallMs, timeMs(small, 4));
      largeMs = Math.min(largeMs, timeMs(large));
    }
    expect(largeMs).toBeLessThan(50);
    // Below a millisecond timer and GC noise dominate: the four small runs count as at least 1 ms.
    expect(largeMs / Math.max(smallMs, 1)).toBeLessThan(2.5);
  });
});
