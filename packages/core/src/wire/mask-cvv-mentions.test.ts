import { describe, expect, it } from 'vitest';
import { maskCvvMentions } from './mask-cvv-mentions.js';

describe('maskCvvMentions', () => {
  it.each([
    ['card declined, cvv 123', 'card declined, cvv ***'],
    ['CVC: 1234', 'CVC: ****'],
    ['cvv2 - 456 wrong', 'cvv2 - *** wrong'],
    ['security code=123', 'security code=***'],
    ['Security-Code 987', 'Security-Code ***'],
    ['card verification value: 321', 'card verification value: ***'],
    ['csc 4321', 'csc ****'],
    ['cvv123', 'cvv***'],
    ['exp 12/27 cvc 999, cvv 111', 'exp 12/27 cvc ***, cvv ***'],
  ])('masks %s', (input, expected) => expect(maskCvvMentions(input)).toBe(expected));

  it.each(['cvv check failed', 'csv 123 rows', 'cvv 12345', 'service code 123', 'decided 123', 'cvv\n123'])(
    'leaves %s',
    (input) => expect(maskCvvMentions(input)).toBe(input),
  );

  it('keeps the length, and costs one cheap test when no name is there', () => {
    const text = `${'order 123 '.repeat(1000)}cvv 123`;
    expect(maskCvvMentions(text)).toHaveLength(text.length);
    expect(maskCvvMentions('order 1234 shipped')).toBe('order 1234 shipped');
    expect(maskCvvMentions('cvv 12')).toBe('cvv 12');
  });

  it('is linear: 64 KiB of near-misses in well under 50 ms', () => {
    const text = 'cvv - - 12 '.repeat(6000);
    const started = performance.now();
    expect(maskCvvMentions(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
