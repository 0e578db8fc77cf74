import { quoteIdentifier } from '../store/quote-identifier.js';
import { type SearchSqlAnalysis, SqlNotValidError, type StreamType } from './analyze-search-sql.js';
import { isKeyword, isSignificant, type SqlToken } from './tokenize-sql.js';

/** What the rewriter needs to know about one stream the query reads. */
export interface ResolvedStream {
  name: string;
  type: StreamType;
  table: string;
  /** The stream's full-text columns that exist (`log`, `message`, …), for `match_all`. */
  ftsColumns: string[];
}

export interface RewriteOptions {
  /** Resolves a reference; undefined when the stream does not exist (→ 20002). */
  resolve: (name: string, type: StreamType | undefined) => ResolvedStream | undefined;
  /** Interval for one-argument `histogram(_timestamp)`. */
  autoHistogramInterval: string;
}

/** A stream the query names that does not exist; answered as OpenObserve's 20002. */
export class StreamNotFoundError extends Error {
  override name = 'StreamNotFoundError';
  readonly stream: string;
  constructor(stream: string) {
    super(`Search stream not found: ${stream}`);
    this.stream = stream;
  }
}

/** `match_all` on a stream without any full-text column; OpenObserve's 20003. */
export class FullTextFieldNotFoundError extends Error {
  override name = 'FullTextFieldNotFoundError';
}

/** Named parameters the rewritten SQL expects: the request's time range in µs. */
export const TIME_RANGE_PARAMS = { start: 'zo_start_time', end: 'zo_end_time' } as const;

/**
 * Turns an OpenObserve search query into DuckDB SQL. Each stream becomes a CTE of the same name
 * that reads its table inside the request's `_timestamp` window, so the user's SQL (aliases,
 * qualified columns, joins) is left as written. Only two calls are rewritten textually, because
 * they need facts a macro cannot see: `histogram(x)` gets the automatic interval, and
 * `match_all('kw')` expands over the stream's full-text columns. Values are never spliced in:
 * the window is bound as parameters and user literals are moved as whole tokens.
 */
export function rewriteSearchSql(analysis: SearchSqlAnalysis, options: RewriteOptions): string {
  const { tokens } = analysis;
  const out = tokens.map((t) => t.text);
  const resolved = new Map<string, ResolvedStream>();
  for (const ref of analysis.streams) {
    const stream = options.resolve(ref.name, ref.type);
    if (!stream) throw new StreamNotFoundError(ref.name);
    const known = resolved.get(stream.name);
    if (known && known.type !== stream.type) {
      throw new SqlNotValidError(`stream ${stream.name} is read as both ${known.type} and ${stream.type}`);
    }
    resolved.set(stream.name, stream);
    if (ref.firstToken !== ref.lastToken) {
      for (let i = ref.firstToken; i <= ref.lastToken; i++) out[i] = '';
      out[ref.firstToken] = quoteIdentifier(stream.name);
    }
  }
  const ftsColumns = [...resolved.values()][0]?.ftsColumns ?? [];
  // OpenObserve (`Sql::from_statement`) accepts match_all only on a query of one plain stream.
  const matchAllAllowed =
    analysis.streams.length === 1 && analysis.withToken === undefined && !analysis.hasSubqueryOrJoin;
  rewriteFunctionCalls(tokens, out, matchAllAllowed ? ftsColumns : undefined, options.autoHistogramInterval);

  if (resolved.size === 0) return out.join('');
  const ctes = [...resolved.values()].map(
    (s) =>
      `${quoteIdentifier(s.name)} AS (SELECT * FROM ${quoteIdentifier(s.table)} WHERE "_timestamp" >= $${TIME_RANGE_PARAMS.start} AND "_timestamp" < $${TIME_RANGE_PARAMS.end})`,
  );
  if (analysis.withToken === undefined) return `WITH ${ctes.join(', ')} ${out.join('')}`;
  // Our CTEs go first inside the user's WITH, after RECURSIVE when present.
  let insertAfter = analysis.withToken;
  const nextSignificant = tokens.findIndex((t, i) => i > insertAfter && isSignificant(t));
  if (nextSignificant !== -1 && isKeyword(tokens[nextSignificant], 'recursive'))
    insertAfter = nextSignificant;
  out[insertAfter] = `${out[insertAfter]} ${ctes.join(', ')},`;
  return out.join('');
}

function rewriteFunctionCalls(
  tokens: SqlToken[],
  out: string[],
  ftsColumns: string[] | undefined,
  interval: string,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const name = isKeyword(tokens[i], 'histogram')
      ? 'histogram'
      : isKeyword(tokens[i], 'match_all')
        ? 'match_all'
        : '';
    if (!name) continue;
    const open = nextSignificantIndex(tokens, i);
    if (open === -1 || tokens[open]!.text !== '(') continue;
    const previous = previousSignificantIndex(tokens, i);
    if (previous !== -1 && tokens[previous]!.text === '.') continue;
    const { close, topLevelCommas } = matchParen(tokens, open);
    if (close === -1) continue;
    if (name === 'histogram' && topLevelCommas === 0) {
      out[close] = `, '${interval}')`;
    } else if (name === 'match_all') {
      if (!ftsColumns) throw new SqlNotValidError('match_all is only supported on a query of one stream');
      if (ftsColumns.length === 0) throw new FullTextFieldNotFoundError('Full text search field not found');
      const argument = out.slice(open + 1, close).join('');
      const terms = ftsColumns.map((c) => `o2_fts_match(${quoteIdentifier(c)}, ${argument})`);
      for (let j = i; j <= close; j++) out[j] = '';
      out[i] = `(${terms.join(' OR ')})`;
      i = close;
    }
  }
}

function nextSignificantIndex(tokens: SqlToken[], from: number): number {
  for (let j = from + 1; j < tokens.length; j++) if (isSignificant(tokens[j]!)) return j;
  return -1;
}

function previousSignificantIndex(tokens: SqlToken[], from: number): number {
  for (let j = from - 1; j >= 0; j--) if (isSignificant(tokens[j]!)) return j;
  return -1;
}

function matchParen(tokens: SqlToken[], open: number): { close: number; topLevelCommas: number } {
  let depth = 0;
  let topLevelCommas = 0;
  for (let j = open; j < tokens.length; j++) {
    const text = tokens[j]!.text;
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) return { close: j, topLevelCommas };
    else if (text === ',' && depth === 1) topLevelCommas++;
  }
  return { close: -1, topLevelCommas };
}
