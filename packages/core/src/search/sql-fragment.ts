/**
 * Marks objects built by the `sql` tag. A registered symbol, so fragments from the ESM and the
 * CJS build of this package (both loaded in one process) still recognise each other, while data
 * that arrived as JSON — `{"text": "1 OR 1=1"}` — can never carry it and is never inlined.
 */
const SQL_FRAGMENT_BRAND: unique symbol = Symbol.for('shoptel.sql-fragment');

/**
 * A piece of SQL whose values are already quoted as literals and whose names are quoted as
 * identifiers. Built only by `sql`, `sql.id`, `sql.join` and `sql.unsafeRaw`, so interpolating
 * one into another `sql` template inlines it as-is; a look-alike `{ text }` object is rejected.
 *
 * @example
 * const where = sql`user_id = ${userId}`;
 * const query = sql`SELECT count(*) AS n FROM ${sql.id('business_events')} WHERE ${where}`;
 * query.text; // SELECT count(*) AS n FROM "business_events" WHERE user_id = 'u-1'
 */
export interface SqlFragment {
  /** The SQL text, ready to send. */
  readonly text: string;
  readonly [SQL_FRAGMENT_BRAND]: true;
}

/** Wraps text that is already safe SQL. Internal: the public door for trusted text is `sql.unsafeRaw`. */
export function createSqlFragment(text: string): SqlFragment {
  return Object.freeze({ text, [SQL_FRAGMENT_BRAND]: true as const });
}

/** True for fragments built by this package, false for look-alikes such as parsed JSON. */
export function isSqlFragment(value: unknown): value is SqlFragment {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[SQL_FRAGMENT_BRAND] === true &&
    typeof (value as { text?: unknown }).text === 'string'
  );
}
