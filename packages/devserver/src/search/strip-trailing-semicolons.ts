import { SqlTokenKind, tokenizeSql } from '../sql/tokenize-sql.js';

/**
 * Drops the `;` that end a statement (with whitespace and comments around them), which
 * OpenObserve accepts and which would break the devserver's `SELECT * FROM (…)` wrapper. Text
 * after the last `;` that is not a comment is left alone, so `SELECT 1; SELECT 2` stays two
 * statements. SQL the tokenizer cannot read is returned as it is, for the parser to reject.
 */
export function stripTrailingSemicolons(sql: string): string {
  if (!sql.includes(';')) return sql;
  let tokens: ReturnType<typeof tokenizeSql>;
  try {
    tokens = tokenizeSql(sql);
  } catch {
    return sql;
  }
  let end = tokens.length;
  let semicolon = false;
  while (end > 0) {
    const token = tokens[end - 1]!;
    if (token.kind === SqlTokenKind.Punctuation && token.text === ';') semicolon = true;
    else if (token.kind !== SqlTokenKind.Whitespace && token.kind !== SqlTokenKind.Comment) break;
    end--;
  }
  if (!semicolon || end === 0) return sql;
  const last = tokens[end - 1]!;
  return sql.slice(0, last.start + last.text.length);
}
