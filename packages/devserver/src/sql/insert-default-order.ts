import { isKeyword, isSignificant, tokenizeSql } from './tokenize-sql.js';

const DEFAULT_ORDER = 'ORDER BY "_timestamp" DESC';

/**
 * Adds OpenObserve's default `ORDER BY _timestamp DESC` to a simple query that has none
 * (`isSimpleQuery`): before the query's own LIMIT/OFFSET, so `LIMIT 10` keeps the newest ten as
 * OpenObserve's `AddSortAndLimit` rule does, or at its end. A simple query has one SELECT, so the
 * clause goes at that SELECT's parenthesis depth. Newlines keep a trailing `--` comment from
 * swallowing it.
 */
export function insertDefaultOrder(sql: string): string {
  const tokens = tokenizeSql(sql);
  let depth = 0;
  let selectDepth: number | undefined;
  let insertAt = sql.length;
  for (const token of tokens) {
    if (!isSignificant(token)) continue;
    if (token.text === '(') depth++;
    else if (token.text === ')') {
      if (selectDepth !== undefined && depth === selectDepth) {
        insertAt = token.start;
        break;
      }
      depth--;
    } else if (selectDepth === undefined && isKeyword(token, 'select')) selectDepth = depth;
    else if (depth === selectDepth && (isKeyword(token, 'limit') || isKeyword(token, 'offset'))) {
      insertAt = token.start;
      break;
    }
  }
  return `${sql.slice(0, insertAt)}\n${DEFAULT_ORDER}\n${sql.slice(insertAt)}`;
}
