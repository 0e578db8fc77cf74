/** Kinds of token the search rewriter needs to tell apart. */
export const SqlTokenKind = {
  Whitespace: 'whitespace',
  Comment: 'comment',
  /** `'…'` with `''` escapes; never rewritten. */
  String: 'string',
  /** `"…"` with `""` escapes. */
  QuotedIdentifier: 'quoted',
  Identifier: 'identifier',
  Number: 'number',
  Punctuation: 'punctuation',
} as const;
export type SqlTokenKind = (typeof SqlTokenKind)[keyof typeof SqlTokenKind];

export interface SqlToken {
  kind: SqlTokenKind;
  /** The exact source text, so joining every token's text gives the input back. */
  text: string;
  start: number;
}

/** Thrown for SQL the tokenizer cannot read (an unterminated string, quote or comment). */
export class SqlSyntaxError extends Error {
  override name = 'SqlSyntaxError';
}

const MULTI_CHAR_PUNCTUATION = ['::', '<=', '>=', '<>', '!=', '||', '->>', '->', '=>'];

function isIdentifierStart(ch: string): boolean {
  return /[A-Za-z_\u0080-\uffff]/.test(ch);
}

function isIdentifierPart(ch: string): boolean {
  return /[A-Za-z0-9_$\u0080-\uffff]/.test(ch);
}

/**
 * Splits SQL into tokens the way PostgreSQL's lexer does for the parts that matter to rewriting:
 * string literals, quoted identifiers and comments are single tokens, so nothing inside them is
 * ever mistaken for a keyword, a stream name or a function call.
 */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlTokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end), start: i });
    i = end;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(ch)) {
      let end = i + 1;
      while (end < sql.length && /\s/.test(sql[end]!)) end++;
      push(SqlTokenKind.Whitespace, end);
    } else if (ch === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      push(SqlTokenKind.Comment, newline === -1 ? sql.length : newline);
    } else if (ch === '/' && next === '*') {
      push(SqlTokenKind.Comment, blockCommentEnd(sql, i));
    } else if (ch === '$' && dollarQuote(sql, i) !== undefined) {
      // `$$…$$` / `$tag$…$tag$` is a string to DuckDB: a keyword in it is text, not SQL.
      const delimiter = dollarQuote(sql, i)!;
      const close = sql.indexOf(delimiter, i + delimiter.length);
      if (close === -1) throw new SqlSyntaxError(`unterminated dollar-quoted string at position ${i}`);
      push(SqlTokenKind.String, close + delimiter.length);
    } else if (ch === "'" || ch === '"') {
      push(ch === "'" ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier, closingQuote(sql, i, ch) + 1);
    } else if (isIdentifierStart(ch)) {
      // E'…' and other prefixed literals stay strings.
      if ((ch === 'E' || ch === 'e') && next === "'") {
        push(SqlTokenKind.String, closingQuote(sql, i + 1, "'") + 1);
        continue;
      }
      let end = i + 1;
      while (end < sql.length && isIdentifierPart(sql[end]!)) end++;
      push(SqlTokenKind.Identifier, end);
    } else if (/[0-9]/.test(ch) || (ch === '.' && next !== undefined && /[0-9]/.test(next))) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i));
      push(SqlTokenKind.Number, i + (match?.[0].length ?? 1));
    } else {
      const multi = MULTI_CHAR_PUNCTUATION.find((p) => sql.startsWith(p, i));
      push(SqlTokenKind.Punctuation, i + (multi?.length ?? 1));
    }
  }
  return tokens;
}

// A dollar-quote opener: `$$` or `$tag$` (a tag is an identifier without `$`; `$1` is a parameter).
const DOLLAR_QUOTE = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

function dollarQuote(sql: string, at: number): string | undefined {
  DOLLAR_QUOTE.lastIndex = at;
  return DOLLAR_QUOTE.exec(sql)?.[0];
}

// The end of the block comment opening at `open`. DuckDB nests block comments, so a `/*` inside
// one needs its own close: ending at the first close would read the rest of the comment as SQL.
function blockCommentEnd(sql: string, open: number): number {
  let depth = 0;
  let j = open;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  throw new SqlSyntaxError(`unterminated /* comment at position ${open}`);
}

function closingQuote(sql: string, open: number, quote: string): number {
  let j = open + 1;
  for (;;) {
    const found = sql.indexOf(quote, j);
    if (found === -1) {
      const what = quote === "'" ? 'string literal' : 'quoted identifier';
      throw new SqlSyntaxError(`unterminated ${what} at position ${open}`);
    }
    // A doubled quote is an escaped quote inside the literal.
    if (sql[found + 1] === quote) {
      j = found + 2;
      continue;
    }
    return found;
  }
}

/** True for tokens that carry meaning (not whitespace or comments). */
export function isSignificant(token: SqlToken): boolean {
  return token.kind !== SqlTokenKind.Whitespace && token.kind !== SqlTokenKind.Comment;
}

/** The identifier a token names: unquoted identifiers fold to lower case, quoted ones are exact. */
export function identifierValue(token: SqlToken): string | undefined {
  if (token.kind === SqlTokenKind.Identifier) return token.text.toLowerCase();
  if (token.kind === SqlTokenKind.QuotedIdentifier) return token.text.slice(1, -1).replaceAll('""', '"');
  return undefined;
}

/** True when the token is the bare keyword `word` (case-insensitive). */
export function isKeyword(token: SqlToken | undefined, word: string): boolean {
  return token?.kind === SqlTokenKind.Identifier && token.text.toLowerCase() === word;
}
