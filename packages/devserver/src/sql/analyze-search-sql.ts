import {
  identifierValue,
  isKeyword,
  isSignificant,
  type SqlToken,
  SqlTokenKind,
  tokenizeSql,
} from './tokenize-sql.js';

/** The stream types OpenObserve accepts as a table prefix (`"metrics"."cpu"`). */
export const STREAM_TYPES = ['logs', 'metrics', 'traces'] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

/** One table reference in a FROM or JOIN clause. */
export interface StreamReference {
  name: string;
  /** From a `"type"."name"` prefix; undefined means the request's `type`. */
  type: StreamType | undefined;
  /** Token indices (inclusive) covering the reference, for rewriting. */
  firstToken: number;
  lastToken: number;
}

export interface SearchSqlAnalysis {
  tokens: SqlToken[];
  streams: StreamReference[];
  /** Whether the outermost query has its own LIMIT (OpenObserve then ignores the default cap). */
  hasLimit: boolean;
  /** Index of the leading WITH keyword, when the query has one. */
  withToken: number | undefined;
  /** Whether some FROM reads a subquery or a JOIN appears (OpenObserve then refuses match_all). */
  hasSubqueryOrJoin: boolean;
}

/** SQL that is not one readable SELECT statement; answered as OpenObserve's 20001. */
export class SqlNotValidError extends Error {
  override name = 'SqlNotValidError';
}

const ALIAS_STOP_WORDS = new Set(
  'where group order limit offset join inner left right full cross natural on using union except intersect having window qualify fetch for lateral sample tablesample pivot unpivot positional asof anti semi outer as select from'.split(
    ' ',
  ),
);

/**
 * Reads a search query with a real tokenizer: checks it is a single SELECT (or WITH … SELECT),
 * and finds every stream it reads. FROM counts only inside a query (never in
 * `EXTRACT(YEAR FROM ts)`), and names defined by the query's own WITH are not streams.
 */
export function analyzeSearchSql(sql: string): SearchSqlAnalysis {
  const tokens = tokenizeSql(sql);
  const sig: number[] = [];
  tokens.forEach((token, index) => {
    if (isSignificant(token)) sig.push(index);
  });
  const at = (k: number): SqlToken | undefined => (k < sig.length ? tokens[sig[k]!] : undefined);
  if (sig.length === 0) throw new SqlNotValidError('empty SQL');
  const first = at(0)!;
  if (!isKeyword(first, 'select') && !isKeyword(first, 'with') && first.text !== '(') {
    throw new SqlNotValidError('only SELECT queries can be searched');
  }
  const semicolon = sig.findIndex((i) => tokens[i]!.text === ';');
  if (semicolon !== -1 && sig.slice(semicolon).some((i) => tokens[i]!.text !== ';')) {
    throw new SqlNotValidError('only one statement can be searched');
  }

  const cteNames = new Set<string>();
  const streams: StreamReference[] = [];
  const queryLevel: boolean[] = [true];
  let hasLimit = false;
  let hasSubqueryOrJoin = false;
  for (let k = 0; k < sig.length; k++) {
    const token = at(k)!;
    if (token.text === '(') {
      const inner = at(k + 1);
      queryLevel.push(isKeyword(inner, 'select') || isKeyword(inner, 'with'));
      continue;
    }
    if (token.text === ')') {
      if (queryLevel.length > 1) queryLevel.pop();
      continue;
    }
    if (!queryLevel[queryLevel.length - 1]) continue;
    // `LIMIT n` or `FETCH FIRST n ROWS ONLY`; after AS or a dot the word is a name (`a AS limit`).
    const previous = at(k - 1);
    const namesAColumn = isKeyword(previous, 'as') || previous?.text === '.';
    if ((isKeyword(token, 'limit') || isKeyword(token, 'fetch')) && queryLevel.length === 1 && !namesAColumn)
      hasLimit = true;
    if (isKeyword(token, 'with')) collectCteNames(k + 1, at, cteNames);
    if (isKeyword(token, 'join') || (isKeyword(token, 'from') && at(k + 1)?.text === '('))
      hasSubqueryOrJoin = true;
    if (isKeyword(token, 'from') || isKeyword(token, 'join')) {
      k = readTableList(k + 1, at, sig, isKeyword(token, 'from'), streams) - 1;
    }
  }
  if (queryLevel.length !== 1) throw new SqlNotValidError('unbalanced parentheses');
  return {
    tokens,
    streams: streams.filter((s) => s.type !== undefined || !cteNames.has(s.name)),
    hasLimit,
    withToken: isKeyword(first, 'with') ? sig[0] : undefined,
    hasSubqueryOrJoin,
  };
}

type TokenAt = (k: number) => SqlToken | undefined;

/** `WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] ( … ) [, …]` */
function collectCteNames(start: number, at: TokenAt, names: Set<string>): void {
  let k = isKeyword(at(start), 'recursive') ? start + 1 : start;
  for (;;) {
    const name = at(k);
    const value = name ? identifierValue(name) : undefined;
    if (value === undefined) return;
    names.add(value);
    k++;
    if (at(k)?.text === '(') k = skipParens(k, at);
    if (!isKeyword(at(k), 'as')) return;
    k++;
    while (isKeyword(at(k), 'not') || isKeyword(at(k), 'materialized')) k++;
    if (at(k)?.text !== '(') return;
    k = skipParens(k, at);
    if (at(k)?.text !== ',') return;
    k++;
  }
}

/** Returns the index just past the parenthesis group opening at `k`. */
function skipParens(k: number, at: TokenAt): number {
  let depth = 0;
  for (let j = k; at(j) !== undefined; j++) {
    const text = at(j)!.text;
    if (text === '(') depth++;
    if (text === ')' && --depth === 0) return j + 1;
  }
  return Number.MAX_SAFE_INTEGER;
}

function readTableList(
  k: number,
  at: TokenAt,
  sig: number[],
  isFrom: boolean,
  out: StreamReference[],
): number {
  for (;;) {
    const token = at(k);
    if (!token) return k;
    if (token.text === '(') return k;
    if (isKeyword(token, 'lateral')) return k;
    const parts: string[] = [];
    const firstK = k;
    while (at(k) && identifierValue(at(k)!) !== undefined) {
      parts.push(identifierValue(at(k)!)!);
      if (at(k + 1)?.text !== '.') break;
      k += 2;
    }
    if (parts.length === 0) return k;
    const lastK = k;
    k++;
    // A name followed by `(` is a table function, not a stream.
    if (at(k)?.text !== '(') {
      const type =
        parts.length === 2 ? (STREAM_TYPES as readonly string[]).find((t) => t === parts[0]) : undefined;
      if (parts.length === 1 || type !== undefined) {
        out.push({
          name: parts[parts.length - 1]!,
          type: type as StreamType | undefined,
          firstToken: sig[firstK]!,
          lastToken: sig[lastK]!,
        });
      }
    }
    if (isKeyword(at(k), 'as')) k += 2;
    else if (at(k)?.kind === SqlTokenKind.QuotedIdentifier) k++;
    else if (at(k)?.kind === SqlTokenKind.Identifier && !ALIAS_STOP_WORDS.has(at(k)!.text.toLowerCase())) k++;
    if (!isFrom || at(k)?.text !== ',') return k;
    k++;
  }
}
