import { isUtf8 } from 'node:buffer';

// Bodies up to DuckDB's default `maximum_object_size`, so that no record can exceed it.
const MAX_RAW_BODY_BYTES = 16 * 1024 * 1024;
const OPEN_BRACKET = 0x5b;
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * Whether DuckDB's `read_json(format = 'array')` reads a `_json` body exactly as `JSON.parse`
 * did, so that the body itself can be loaded: a JSON array in valid UTF-8 without `\uD800`-style
 * escapes (DuckDB refuses lone surrogates, which JSON.parse keeps; escaped pairs are rare enough
 * to take the encoding path too). Duplicate keys are not detected here: such a load fails and is
 * retried encoded.
 */
export function isLoadableAsWritten(body: Buffer, text: string): boolean {
  if (body.byteLength > MAX_RAW_BODY_BYTES || !isUtf8(body)) return false;
  let start = 0;
  while (start < body.byteLength && JSON_WHITESPACE.has(body[start]!)) start++;
  if (body[start] !== OPEN_BRACKET) return false;
  return body.indexOf('\\u') === -1 || !SURROGATE_ESCAPE.test(text);
}
