import { HttpError } from '../http/http-error.js';

/**
 * `JSON.parse` with serde_json-style error text (`expected value at line 1 column 1`), which is
 * what OpenObserve puts after `SerdeJsonError#`.
 */
export function parseJsonLikeSerde(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(serdeMessage(text, error instanceof Error ? error.message : String(error)));
  }
  // serde_json reads strings into Rust's UTF-8 and refuses half a surrogate pair, which JSON.parse
  // keeps; in a UTF-8 body one can only come as an escape.
  const lone = SURROGATE_ESCAPE.test(text) ? findLoneSurrogateEscape(text) : -1;
  if (lone >= 0)
    throw new SyntaxError(`lone leading surrogate in hex escape at ${lineAndColumn(text, lone + 6)}`);
  return value;
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Offset of the first `\uD800`–`\uDFFF` escape that is not half of a pair, or -1. */
function findLoneSurrogateEscape(text: string): number {
  const escapes = /(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})/g;
  let pairedUntil = -1;
  for (let match = escapes.exec(text); match; match = escapes.exec(text)) {
    // An even run of backslashes is escaped backslashes followed by the letter u: plain text.
    if (match[1]!.length % 2 === 0) continue;
    const at = match.index + match[1]!.length - 1;
    if (at < pairedUntil) continue;
    const unit = Number.parseInt(match[2]!, 16);
    const next = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(text.slice(at + 6, at + 12));
    if (unit >= 0xdc00 || !next) return at;
    pairedUntil = at + 12;
  }
  return -1;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line} column ${Math.max(1, column)}`;
}

function serdeMessage(text: string, jsMessage: string): string {
  const position = /position (\d+)/.exec(jsMessage);
  const offset = position ? Number(position[1]) : text.length;
  let what = 'expected value';
  if (/end of JSON input|Unterminated/i.test(jsMessage)) what = 'EOF while parsing a value';
  else if (/after JSON|non-whitespace/i.test(jsMessage)) what = 'trailing characters';
  else if (/property name/i.test(jsMessage)) what = 'key must be a string';
  else if (/control character/i.test(jsMessage))
    what = 'control character (\\u0000-\\u001F) found while parsing a string';
  return `${what} at ${lineAndColumn(text, offset)}`;
}

/** `_json` body: an array of records, or one object taken as a single record (as the source does). */
export function parseJsonBody(text: string): unknown[] {
  let value: unknown;
  try {
    value = parseJsonLikeSerde(text);
  } catch (error) {
    throw new HttpError(400, `SerdeJsonError# ${(error as Error).message}`);
  }
  return Array.isArray(value) ? value : [value];
}

/** `_multi` body: NDJSON, blank lines skipped; one bad line rejects the whole request. */
export function parseNdjsonBody(text: string): unknown[] {
  const records: unknown[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    try {
      records.push(parseJsonLikeSerde(trimmed));
    } catch (error) {
      throw new HttpError(400, `Error# Failed processing: ${(error as Error).message}`);
    }
  }
  return records;
}
