import { describeType } from './describe-type.js';

/**
 * Quotes a column or stream name as a SQL identifier: wrapped in `"`, inner `"` doubled, so the
 * name can hold `-`, `.`, spaces, capitals or reserved words (`"default"`) and still never ends
 * the identifier early.
 *
 * A string is always one identifier, dots included (`'logs.x'` → `"logs.x"`). A qualified name
 * needs an explicit array, one element per part (`['logs', 'x']` → `"logs"."x"`), so a dot in
 * data can never turn into a path.
 *
 * Quoted identifiers are case-sensitive, while OpenObserve stores stream and field names
 * lowercased with `-`/`.` replaced by `_`: pass the stored name (see `normalizeStreamName`).
 *
 * @throws TypeError for an empty name, a non-string part or a NUL character.
 * @example
 * quoteSqlIdentifier('my-stream'); // "my-stream"
 * quoteSqlIdentifier(['logs', 'my_stream']); // "logs"."my_stream"
 */
export function quoteSqlIdentifier(name: string | readonly string[]): string {
  if (Array.isArray(name)) {
    if (name.length === 0) throw new TypeError('sql.id: an identifier path needs at least one part');
    return name.map((part, index) => quotePart(part, `sql.id: part ${index} of the path`)).join('.');
  }
  return quotePart(name, 'sql.id: the identifier');
}

function quotePart(part: unknown, what: string): string {
  if (typeof part !== 'string') {
    throw new TypeError(`${what} must be a string, got ${describeType(part)}`);
  }
  // PostgreSQL rejects a zero-length delimited identifier (`""`); fail here with a clearer message.
  if (part === '') throw new TypeError(`${what} is empty`);
  // C-string layers (DuckDB's parser, libpq) cut the query at NUL, which would leave a quote open.
  if (part.includes('\0')) throw new TypeError(`${what} contains a NUL character`);
  return `"${part.replaceAll('"', '""')}"`;
}
