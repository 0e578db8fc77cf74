import { describeType } from './describe-type.js';
import { isSqlFragment, type SqlFragment } from './sql-fragment.js';

/** A value that becomes one SQL literal. */
export type SqlScalar = string | number | bigint | boolean | null | Date;

/**
 * What a `sql` template accepts between `${…}`: a scalar (quoted as a typed literal), an array of
 * scalars (a parenthesised list for `IN`) or a fragment (inlined as-is).
 */
export type SqlValue = SqlScalar | SqlFragment | readonly (SqlScalar | SqlFragment)[];

/**
 * Turns one interpolated value into SQL text. The rules follow the dialect OpenObserve parses
 * with (sqlparser's PostgreSqlDialect, executed by DataFusion):
 *
 * - string → `'…'` with `'` doubled. A backslash is kept as-is: PostgreSqlDialect reads standard
 *   strings, where `\` is an ordinary character (so `re_match(msg, '\d+')` keeps working), and
 *   doubling it would change the value. This is safe only for standard-string dialects, which is
 *   what OpenObserve and the devserver (DuckDB) use; never send this text to a MySQL-style dialect.
 *   A NUL character throws: C-string layers cut the query there and PostgreSQL text cannot hold it.
 * - number → finite only (NaN/±Infinity throw); negative values are parenthesised, so
 *   `a-${-1}` cannot become the comment `a--1`.
 * - bigint → integer text, parenthesised when negative. boolean → `TRUE`/`FALSE`. null → `NULL`.
 * - Date → integer microseconds since the epoch, the unit of `_timestamp`, so
 *   `_timestamp >= ${since}` works. For a string column, interpolate `date.toISOString()` instead.
 * - array → `(a, b, c)` for `IN`. An empty array becomes `(NULL)` so `IN ()`, a syntax error,
 *   never appears: `x IN (NULL)` matches no row, and note that `x NOT IN (NULL)` matches no row
 *   either (SQL's three-valued logic), so guard empty lists yourself when you use `NOT IN`.
 *   Nested arrays throw.
 * - SqlFragment → its text, as-is.
 *
 * Anything else (undefined, objects, functions, symbols) throws a TypeError naming `position`.
 */
export function toSqlLiteral(value: unknown, position: string): string {
  if (isSqlFragment(value)) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) return '(NULL)';
    const items = value.map((item: unknown, index) => {
      if (Array.isArray(item))
        throw new TypeError(`${position}, element ${index}: nested arrays are not supported`);
      return toSqlLiteral(item, `${position}, element ${index}`);
    });
    return `(${items.join(', ')})`;
  }
  switch (typeof value) {
    case 'string':
      if (value.includes('\0')) throw new TypeError(`${position}: the string contains a NUL character`);
      return `'${value.replaceAll("'", "''")}'`;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${position}: ${value} is not a finite number`);
      return negativeInParentheses(Object.is(value, -0) ? '0' : String(value));
    case 'bigint':
      return negativeInParentheses(String(value));
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    default:
      break;
  }
  if (value === null) return 'NULL';
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new TypeError(`${position}: the Date is invalid`);
    // BigInt keeps far-away dates exact where ms * 1000 would pass 2^53.
    return negativeInParentheses(String(BigInt(ms) * 1000n));
  }
  throw new TypeError(
    `${position}: cannot use ${describeType(value)} as a SQL value; ` +
      'pass a string, number, bigint, boolean, null, Date, array, or a fragment from sql/sql.id',
  );
}

function negativeInParentheses(text: string): string {
  return text.startsWith('-') ? `(${text})` : text;
}
