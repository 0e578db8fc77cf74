/**
 * Where the SQL text written so far leaves a value placed after it: in plain code, or inside a
 * comment, string literal or quoted identifier that is still open.
 */
export type SqlContext = 'code' | 'line-comment' | 'block-comment' | 'string' | 'identifier';

/**
 * Follows the lexical context of SQL text fed in pieces (the template text and the inlined values
 * of the `sql` tag), so the tag can refuse a value placed where it would not be read as a value:
 * after `-- …` with no newline (the value is ignored, and a newline inside it would end the
 * comment and let the rest run as SQL), inside an unclosed `/* … *\/` (nested, as in PostgreSQL
 * and DuckDB), or inside an open `'…'` literal or `"…"` identifier (where the value's own quotes
 * would close it). A `--` inside a literal is no comment, and quotes inside comments are not
 * quotes. One pass over each piece: the state carries across pieces, so a `-` ending one piece
 * and a `-` starting the next still form a comment.
 *
 * @example
 * const context = createSqlContextTracker();
 * context.feed("SELECT 1 -- total\nFROM t WHERE a = '--' AND b = ");
 * context.current(); // 'code'
 */
export function createSqlContextTracker() {
  let context: SqlContext = 'code';
  let depth = 0; // nesting of block comments
  let previous = ''; // the last character, when it may start or end a two-character token

  function feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      switch (context) {
        case 'code':
          if (char === '-' && previous === '-') {
            context = 'line-comment';
            previous = '';
          } else if (char === '*' && previous === '/') {
            context = 'block-comment';
            depth = 1;
            previous = '';
          } else if (char === "'") {
            context = 'string';
            previous = '';
          } else if (char === '"') {
            context = 'identifier';
            previous = '';
          } else previous = char;
          break;
        case 'line-comment':
          if (char === '\n' || char === '\r') context = 'code';
          break;
        case 'block-comment':
          if (char === '/' && previous === '*') {
            depth--;
            if (depth === 0) context = 'code';
            previous = '';
          } else if (char === '*' && previous === '/') {
            depth++;
            previous = '';
          } else previous = char;
          break;
        // A doubled quote inside (`'it''s'`) closes and reopens at once: the same state after.
        case 'string':
          if (char === "'") context = 'code';
          break;
        case 'identifier':
          if (char === '"') context = 'code';
          break;
      }
    }
  }

  return { feed, current: (): SqlContext => context };
}
