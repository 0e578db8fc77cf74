import { isUtf8 } from 'node:buffer';

// Bodies up to DuckDB's default `maximum_object_size`, so that no record can exceed it.
const MAX_RAW_BODY_BYTES = 16 * 1024 * 1024;
const OPEN_BRACKET = 0x5b;
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const UNICODE_ESCAPE = '\\u';

/**
 * Whether DuckDB's `read_json(format = 'array')` reads a `_json` body exactly as `JSON.parse`
 * did, so that the body itself can be loaded: a JSON array in valid UTF-8 without `\uD800`-style
 * escapes (DuckDB refuses lone surrogates, which JSON.parse keeps; escaped pairs are rare enough
 * to take the encoding path too). Duplicate keys are not detected here: such a load fails and is
 * retried encoded. Escapes are ASCII, so the bytes are searched: the body need not be decoded.
 */
export function isLoadableAsWritten(body: Buffer): boolean {
  if (body.byteLength > MAX_RAW_BODY_BYTES || !isUtf8(body)) return false;
  let start = 0;
  while (start < body.byteLength && JSON_WHITESPACE.has(body[start]!)) start++;
  if (body[start] !== OPEN_BRACKET) return false;
  for (let at = body.indexOf(UNICODE_ESCAPE); at !== -1; at = body.indexOf(UNICODE_ESCAPE, at + 2)) {
    if (isSurrogateEscape(body[at + 2], body[at + 3])) return false;
  }
  return true;
}

// `\u` then `d`/`D` then one of `89abcdefABCDEF`: the first unit of a surrogate.
function isSurrogateEscape(first: number | undefined, second: number | undefined): boolean {
  if (first !== 0x64 && first !== 0x44) return false;
  return (
    second !== undefined &&
    (second === 0x38 ||
      second === 0x39 ||
      (second >= 0x61 && second <= 0x66) ||
      (second >= 0x41 && second <= 0x46))
  );
}
