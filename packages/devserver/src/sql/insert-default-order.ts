import { isKeyword, isSignificant, type SqlToken, tokenizeSql } from './tokenize-sql.js';

const DEFAULT_ORDER = 'ORDER BY "_timestamp" DESC';

/**
 * Adds OpenObserve's default `ORDER BY _timestamp DESC` to a simple query that has none
 * (`isSimpleQuery`): before the query's own LIMIT/OFFSET/FETCH, so `LIMIT 10` keeps the newest
 * ten as OpenObserve's `AddSortAndLimit` rule does, or at its end. A simple query has one SELECT, so the
 * clause goes at that SELECT's parenthesis depth. Newlines keep a trailing `--` comment from
 * swallowing it.
 */
export function insertDefaultOrder(sql: string): string {
  const tokens = tokenizeSql(sql);
  let depth = 0;
  let selectDepth: number | undefined;
  let insertAt = sql.length;
  let previous: SqlToken | undefined;
  for (const token of tokens) {
    if (!isSignificant(token)) continue;
    const before = previous;
    previous = token;
    if (token.text === '(') depth++;
    else if (token.text === ')') {
      if (selectDepth !== undefined && depth === selectDepth) {
        insertAt = token.start;
        break;
      }
      depth--;
    } else if (selectDepth === undefined && isKeyword(token, 'select')) selectDepth = depth;
    else if (depth === selectDepth && isRowLimitClause(token, before)) {
      insertAt = token.start;
      break;
    }
  }
  return `${sql.slice(0, insertAt)}\n${DEFAULT_ORDER}\n${sql.slice(insertAt)}`;
}

// LIMIT, OFFSET or FETCH (`FETCH FIRST n ROWS ONLY`) opening a clause. After AS or a dot the word
// is a name (`a AS limit`, `s.offset`, `payload.limit`), where an ORDER BY would be a syntax error.
function isRowLimitClause(token: SqlToken, previous: SqlToken | undefined): boolean {
  if (!isKeyword(token, 'limit') && !isKeyword(token, 'offset') && !isKeyword(token, 'fetch')) return false;
  return !isKeyword(previous, 'as') && previous?.text !== '.';
}
