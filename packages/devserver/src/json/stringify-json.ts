import { randomBytes } from 'node:crypto';

// A string no stored value can hold: NUL plus a random tag chosen at start-up.
const MARK = `\u0000zo-int-${randomBytes(6).toString('hex')}:`;
const MARK_IN_JSON = JSON.stringify(MARK).slice(1, -1);
const MARKED = new RegExp(`"${MARK_IN_JSON.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(-?\\d+)"`, 'g');

function markBigInt(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${MARK}${value}` : value;
}

/**
 * `JSON.stringify` that writes a `bigint` as a JSON number with all its digits, where
 * `JSON.stringify` throws: OpenObserve's answers carry 64-bit integers as numbers (every span's
 * `start_time` in ns is past 2^53), and clients that read them exactly (serde, Go, Java, Python)
 * expect numbers, not strings. `hasBigInt` false takes the plain (faster) path.
 */
export function stringifyJson(value: unknown, hasBigInt: boolean): string {
  if (!hasBigInt) return JSON.stringify(value);
  return JSON.stringify(value, markBigInt).replace(MARKED, '$1');
}
