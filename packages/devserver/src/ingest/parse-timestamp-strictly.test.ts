import { describe, expect, it } from 'vitest';
import { parseTimestampStrictly } from './parse-timestamp-strictly.js';

const at = Date.UTC(2024, 10, 25, 16, 0, 0) * 1000;

describe('parseTimestampStrictly', () => {
  it('reads the formats OpenObserve reads', () => {
    expect(parseTimestampStrictly('1732550400')).toBe(at);
    expect(parseTimestampStrictly('1732550400000')).toBe(at);
    expect(parseTimestampStrictly('2024-11-25 16:00:00')).toBe(at);
    expect(parseTimestampStrictly('2024-11-25T16:00:00')).toBe(at);
    expect(parseTimestampStrictly('2024-11-25T16:00:00.123456')).toBe(at + 123456);
    expect(parseTimestampStrictly('2024-11-25T17:00:00+01:00')).toBe(at);
    expect(parseTimestampStrictly('2024-11-25T16:00:00.5Z')).toBe(at + 500000);
    expect(parseTimestampStrictly('Mon, 25 Nov 2024 16:00:00 GMT')).toBe(at);
    expect(parseTimestampStrictly('25 Nov 2024 11:00:00 -0500')).toBe(at);
    expect(parseTimestampStrictly('Mon, 25 Nov 2024 08:00 PST')).toBe(at);
  });

  it('fails what Date.parse would guess at', () => {
    for (const text of [
      '2026-11-25',
      '11/25/2026',
      '2024-11-25T16:00',
      '2024-02-30 10:00:00',
      '2024-11-25 16:00:00Z',
      'Tue, 25 Nov 2024 16:00:00 GMT',
      'November 25, 2024',
      ' 2024-11-25 16:00:00',
      '',
    ]) {
      expect(parseTimestampStrictly(text), text).toBeUndefined();
    }
  });
});
