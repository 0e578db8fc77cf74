import { HttpError } from '../http/http-error.js';

/**
 * `JSON.parse` with serde_json-style error text (`expected value at line 1 column 1`), which is
 * what OpenObserve puts after `SerdeJsonError#`.
 */
export function parseJsonLikeSerde(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(serdeMessage(text, error instanceof Error ? error.message : String(error)));
  }
}

function serdeMessage(text: string, jsMessage: string): string {
  const position = /position (\d+)/.exec(jsMessage);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  let what = 'expected value';
  if (/end of JSON input|Unterminated/i.test(jsMessage)) what = 'EOF while parsing a value';
  else if (/after JSON|non-whitespace/i.test(jsMessage)) what = 'trailing characters';
  else if (/property name/i.test(jsMessage)) what = 'key must be a string';
  else if (/control character/i.test(jsMessage))
    what = 'control character (\\u0000-\\u001F) found while parsing a string';
  return `${what} at line ${line} column ${Math.max(1, column)}`;
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
