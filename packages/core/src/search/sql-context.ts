/**
 * Where the SQL text written so far leaves a value placed after it: in plain code, or inside a
 * comment, string literal or quoted identifier that is still open.
 */
export type SqlContext =
  | 'code'
  | 'line-comment'
  | 'block-comment'
  | 'string'
  | 'escape-string'
  | 'dollar-string'
  | 'identifier';

/**
 * Follows the lexical context of SQL text fed in pieces (the template text and the inlined values
 * of the `sql` tag), so the tag can refuse a value placed where it would not be read as a value:
 * after `-- …` with no newline (the value is ignored, and a newline inside it would end the
 * comment and let the rest run as SQL), inside an unclosed `/* … *\/` (nested, as in PostgreSQL
 * and DuckDB), or inside an open `'…'` literal or `"…"` identifier (where the value's own quotes
 * would close it), also an `E'…'` literal (where `\'` does not close it) and a `$$…$$` or
 * `$tag$…$tag$` string (both read by OpenObserve's PostgreSqlDialect and by DuckDB). A `--` inside
 * a literal is no comment, and quotes inside comments are not quotes. One pass over each piece: the state carries across pieces, so a `-` ending one piece
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
  let word = ''; // the identifier characters just before, in code (`E` of `E'…'`, `a$b`)
  let escaped = false; // in an E'…' string, the character after a backslash
  let tag: string | undefined; // a `$tag$` being read (from its first `$`), in code
  let closing = ''; // the `$tag$` that ends the dollar-quoted string
  let tail = ''; // the last characters of a dollar-quoted string, to find `closing`

  function feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      switch (context) {
        case 'code':
          if (tag !== undefined) {
            // `$tag$` opens a dollar-quoted string; `$1` (a digit first) or `$a b` does not.
            if (char === '$') {
              context = 'dollar-string';
              closing = `${tag}$`;
              tail = '';
              tag = undefined;
              previous = '';
              word = '';
              break;
            }
            tag = IDENTIFIER_CHAR.test(char) && !(tag === '$' && /[0-9]/.test(char)) ? tag + char : undefined;
            if (tag !== undefined) break;
          }
          if (char === '$' && word === '') {
            tag = '$';
            previous = '';
            break;
          }
          if (char === "'" && (word === 'E' || word === 'e')) {
            context = 'escape-string';
            escaped = false;
            previous = '';
            word = '';
            break;
          }
          word = IDENTIFIER_CHAR.test(char) || (char === '$' && word !== '') ? word + char : '';
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
        case 'escape-string':
          if (escaped) escaped = false;
          else if (char === '\\') escaped = true;
          else if (char === "'") context = 'code';
          break;
        case 'dollar-string':
          tail = (tail + char).slice(-closing.length);
          if (tail === closing) context = 'code';
          break;
        case 'identifier':
          if (char === '"') context = 'code';
          break;
      }
    }
  }

  return { feed, current: (): SqlContext => context };
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_\u0080-\uffff]/;
