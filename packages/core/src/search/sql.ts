import { describeType } from './describe-type.js';
import { quoteSqlIdentifier } from './quote-sql-identifier.js';
import { createSqlContextTracker, type SqlContext } from './sql-context.js';
import { createSqlFragment, isSqlFragment, type SqlFragment } from './sql-fragment.js';
import { type SqlValue, toSqlLiteral } from './to-sql-literal.js';

/** The `sql` tag and its helpers. */
export interface SqlTag {
  /**
   * Builds a {@link SqlFragment}: the template text is kept, every `${value}` becomes a typed
   * literal (rules in {@link toSqlLiteral}) or, for a fragment, is inlined as-is. Throws a
   * TypeError naming the position for a value it cannot quote (undefined, objects, NaN, …), and
   * for a value the text before it leaves inside a `--` or `/* *\/` comment or an open quote.
   *
   * @example
   * const q = sql`SELECT count(*) AS n FROM ${sql.id(stream)}
   *   WHERE user_id = ${userId} AND amount > ${min} AND _timestamp >= ${since}`;
   */
  (strings: TemplateStringsArray, ...values: SqlValue[]): SqlFragment;
  /**
   * A quoted identifier (stream or column name), `"` doubled inside. A string is one identifier
   * even with dots; pass an array for a qualified name.
   *
   * @example
   * sql.id('my-stream'); // "my-stream"
   * sql.id(['logs', 'my_stream']); // "logs"."my_stream" (stream type prefix)
   */
  id(name: string | readonly string[]): SqlFragment;
  /** Same as {@link SqlTag.id}. */
  identifier(name: string | readonly string[]): SqlFragment;
  /**
   * Fragments (or values, quoted as literals) joined by `separator`.
   *
   * @default separator sql`, `
   * @example
   * sql`SELECT ${sql.join(columns.map((c) => sql.id(c)))} FROM ${sql.id(stream)}`;
   * sql`WHERE ${sql.join(conditions, sql` AND `)}`;
   */
  join(items: readonly SqlValue[], separator?: SqlFragment): SqlFragment;
  /**
   * Text inserted with no quoting at all. Only for constants written in the source code (a
   * keyword chosen from a fixed list, an interval like `'5 minute'` you wrote yourself); passing
   * anything that came from a request or a user is SQL injection.
   *
   * @example
   * const order = descending ? sql.unsafeRaw('DESC') : sql.unsafeRaw('ASC');
   */
  unsafeRaw(text: string): SqlFragment;
}

function sqlTemplate(strings: TemplateStringsArray, ...values: SqlValue[]): SqlFragment {
  // Called as a plain function, `sql(userInput)` would splice the input in unquoted.
  if (!Array.isArray(strings) || !Array.isArray((strings as { raw?: unknown }).raw)) {
    throw new TypeError('sql must be used as a tagged template (sql`SELECT …`), not called as a function');
  }
  let text = strings[0] ?? '';
  const context = createSqlContextTracker();
  context.feed(text);
  for (let i = 0; i < values.length; i++) {
    const where = context.current();
    if (where !== 'code') throw new TypeError(`${describePosition(strings, i)} ${MISPLACED[where]}`);
    // `E${v}` would make the literal an E'…' string, where a backslash in the value escapes its
    // closing quote (`U&'…'`, `X'…'`, `N'…'` change its reading too).
    if (!isSqlFragment(values[i]) && GLUED_TO_WORD.test(text)) {
      throw new TypeError(
        `${describePosition(strings, i)} is glued to the word before it, which would prefix its literal (E'…', U&'…'): put a space or an operator before the value`,
      );
    }
    const literal = toSqlLiteral(values[i], describePosition(strings, i));
    const after = strings[i + 1] ?? '';
    context.feed(literal);
    context.feed(after);
    text += literal + after;
  }
  return createSqlFragment(text);
}

const GLUED_TO_WORD = /[A-Za-z0-9_$&\u0080-\uffff]$/;

/** Why a value cannot go where the template text before it left a comment or quote open. */
const MISPLACED: Record<Exclude<SqlContext, 'code'>, string> = {
  'line-comment':
    'is inside a -- comment: it would be ignored, or end the comment at a newline of its own; end the comment with a newline before the value',
  'block-comment': 'is inside an unclosed /* comment: close it with */ before the value',
  string:
    "is inside an open '…' string literal, which the value's own quotes would close: pass the whole literal as the value (LIKE '%' || value || '%', or build the pattern in code)",
  'escape-string':
    "is inside an open '…' string literal (an E'…' one, where \\' does not close it), which the value's own quotes would close: pass the whole literal as the value",
  'dollar-string':
    'is inside an open $…$ string (dollar-quoted), which a $$ in the value would close: pass the whole literal as the value',
  identifier: 'is inside an open "…" identifier: pass names with sql.id(name) instead',
};

/** `sql: value #2 (after "… WHERE user_id = ")`: the template text is the developer's, never data. */
function describePosition(strings: TemplateStringsArray, index: number): string {
  const before = (strings[index] ?? '').replace(/\s+/g, ' ');
  const tail = before.length > 40 ? `…${before.slice(-40)}` : before;
  return `sql: value #${index + 1} (after "${tail}")`;
}

function join(items: readonly SqlValue[], separator: SqlFragment = createSqlFragment(', ')): SqlFragment {
  if (!Array.isArray(items))
    throw new TypeError(`sql.join: items must be an array, got ${describeType(items)}`);
  if (!isSqlFragment(separator)) {
    throw new TypeError('sql.join: the separator must be a fragment, e.g. sql` AND `');
  }
  const parts = items.map((item, index) => {
    if (Array.isArray(item))
      throw new TypeError(`sql.join: item ${index} is an array; wrap lists in sql\`(\${list})\``);
    return toSqlLiteral(item, `sql.join: item ${index}`);
  });
  return createSqlFragment(parts.join(separator.text));
}

function unsafeRaw(text: string): SqlFragment {
  if (typeof text !== 'string')
    throw new TypeError(`sql.unsafeRaw: text must be a string, got ${describeType(text)}`);
  return createSqlFragment(text);
}

function id(name: string | readonly string[]): SqlFragment {
  return createSqlFragment(quoteSqlIdentifier(name));
}

/**
 * Tagged template for OpenObserve SQL that quotes values as typed literals and names as
 * identifiers, so analytics and alert queries never concatenate user input.
 *
 * @example
 * import { sql } from '@shoptel/core';
 * const q = sql`SELECT count(*) AS n FROM ${sql.id('business_events')} WHERE user_id = ${userId}`;
 * await search.search({ sql: q, start, end });
 */
export const sql: SqlTag = /* @__PURE__ */ Object.assign(sqlTemplate, {
  id,
  identifier: id,
  join,
  unsafeRaw,
});
