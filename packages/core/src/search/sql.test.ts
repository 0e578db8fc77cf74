import { describe, expect, it } from 'vitest';
import { sql } from './sql.js';
import { isSqlFragment } from './sql-fragment.js';

describe('sql tag: literals', () => {
  it('builds the query from the issue with typed literals and a quoted stream', () => {
    const stream = 'business-events';
    const q = sql`SELECT count(*) AS n FROM ${sql.id(stream)} WHERE user_id = ${'u-1'} AND amount > ${99.5}`;
    expect(q.text).toBe(
      `SELECT count(*) AS n FROM "business-events" WHERE user_id = 'u-1' AND amount > 99.5`,
    );
    expect(isSqlFragment(q)).toBe(true);
  });

  it('quotes every scalar type', () => {
    const when = new Date('2024-06-10T06:00:00.123Z');
    const q = sql`${'a'}|${42}|${-7}|${0.25}|${-0}|${12345678901234567890n}|${-3n}|${true}|${false}|${null}|${when}`;
    expect(q.text).toBe(`'a'|42|(-7)|0.25|0|12345678901234567890|(-3)|TRUE|FALSE|NULL|1717999200123000`);
  });

  it('turns a Date into µs for _timestamp comparisons', () => {
    expect(sql`_timestamp >= ${new Date(1718000000000)}`.text).toBe('_timestamp >= 1718000000000000');
  });

  it('keeps a negative number from forming a -- comment', () => {
    const q = sql`SELECT a-${-1} FROM t WHERE tenant = ${'x'}`;
    expect(q.text).toBe(`SELECT a-(-1) FROM t WHERE tenant = 'x'`);
    expect(q.text).not.toContain('--');
  });

  it('renders arrays as IN lists and an empty array as (NULL)', () => {
    expect(sql`x IN ${['a', 'b', 3, null]}`.text).toBe(`x IN ('a', 'b', 3, NULL)`);
    expect(sql`x IN ${[]}`.text).toBe('x IN (NULL)');
    expect(sql`x IN ${[sql.id('y'), 'z']}`.text).toBe(`x IN ("y", 'z')`);
  });

  it('keeps backslashes as they are (standard strings) and rejects NUL', () => {
    expect(sql`re_match(msg, ${'\\d+'})`.text).toBe(`re_match(msg, '\\d+')`);
    expect(() => sql`x = ${'a\0b'}`).toThrow(/NUL/);
  });

  it('rejects non-finite numbers and invalid dates at build time', () => {
    expect(() => sql`x = ${Number.NaN}`).toThrow(TypeError);
    expect(() => sql`x = ${Number.POSITIVE_INFINITY}`).toThrow(/not a finite number/);
    expect(() => sql`x = ${-Infinity}`).toThrow(TypeError);
    expect(() => sql`x = ${new Date('nope')}`).toThrow(/invalid/);
  });

  it('names the position of a value it cannot quote', () => {
    const bad = [undefined, { a: 1 }, () => 1, Symbol('s'), new Map()] as unknown as string[];
    for (const value of bad) {
      expect(() => sql`SELECT * FROM t WHERE a = ${1} AND b = ${value}`).toThrow(
        /value #2 \(after " AND b = "\)/,
      );
    }
    expect(() => sql`x IN ${[1, undefined as unknown as number]}`).toThrow(/value #1.*element 1/);
    expect(() => sql`x IN ${[[1, 2]] as unknown as number[]}`).toThrow(/nested arrays/);
  });

  it('never names the offending value, which may be user data', () => {
    try {
      sql`x = ${{ email: 'secret@example.com' } as unknown as string}`;
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('secret@example.com');
    }
  });

  it('refuses a plain call, which would splice input unquoted', () => {
    const call = sql as unknown as (text: string) => unknown;
    expect(() => call(`' OR 1=1 --`)).toThrow(/tagged template/);
  });
});

describe('sql tag: injection attempts stay inside literals and identifiers', () => {
  const literalAttacks = [
    `' OR 1=1 --`,
    `'; DROP TABLE "orders"; --`,
    `x'); DELETE FROM t; --`,
    `\\'; DROP TABLE t; --`,
    `'' OR ''='`,
    `O'Brien`,
    `/* */ UNION SELECT * FROM secrets`,
  ];

  it.each(literalAttacks)('quotes %j as one string literal', (attack) => {
    const q = sql`SELECT * FROM t WHERE name = ${attack} AND tenant = ${'acme'}`;
    const literal = `'${attack.replaceAll("'", "''")}'`;
    expect(q.text).toBe(`SELECT * FROM t WHERE name = ${literal} AND tenant = 'acme'`);
    expect(readStringLiteral(q.text, 'SELECT * FROM t WHERE name = '.length)).toEqual({
      value: attack,
      rest: ` AND tenant = 'acme'`,
    });
  });

  it('quotes identifiers with "; DROP and inner quotes as one identifier', () => {
    expect(sql.id('"; DROP TABLE t; --').text).toBe(`"""; DROP TABLE t; --"`);
    expect(sql.id('a"b').text).toBe(`"a""b"`);
    expect(sql.id('My Stream.with-dots').text).toBe(`"My Stream.with-dots"`);
    expect(sql.identifier('default').text).toBe(`"default"`);
  });

  it('makes dotted paths only from an explicit array', () => {
    expect(sql.id(['logs', 'x']).text).toBe(`"logs"."x"`);
    expect(sql.id(['a"."b', 'c']).text).toBe(`"a"".""b"."c"`);
    expect(() => sql.id([])).toThrow(TypeError);
    expect(() => sql.id('')).toThrow(/empty/);
    expect(() => sql.id(['ok', 3 as unknown as string])).toThrow(/part 1/);
    expect(() => sql.id('a\0b')).toThrow(/NUL/);
  });

  it('does not inline look-alike fragments such as parsed JSON', () => {
    const forged = JSON.parse('{"text":"1 OR 1=1"}') as unknown as string;
    expect(() => sql`x = ${forged}`).toThrow(/cannot use an object/);
  });
});

describe('sql.join and sql.unsafeRaw', () => {
  it('composes fragments', () => {
    const conditions = [sql`a = ${1}`, sql`b = ${'x'}`];
    const where = sql.join(conditions, sql` AND `);
    expect(sql`SELECT ${sql.join([sql.id('a'), sql.id('b')])} FROM t WHERE ${where}`.text).toBe(
      `SELECT "a", "b" FROM t WHERE a = 1 AND b = 'x'`,
    );
    expect(sql.join([]).text).toBe('');
    expect(sql.join(['a', 2]).text).toBe(`'a', 2`);
  });

  it('requires a fragment separator and no nested lists', () => {
    expect(() => sql.join([sql`a`], ' OR 1=1 ' as unknown as ReturnType<typeof sql>)).toThrow(/separator/);
    expect(() => sql.join([[1]] as unknown as number[])).toThrow(/item 0/);
    expect(() => sql.join('ab' as unknown as string[])).toThrow(/array/);
  });

  it('inlines unsafeRaw text unchanged and only accepts strings', () => {
    expect(sql`ORDER BY _timestamp ${sql.unsafeRaw('DESC')}`.text).toBe('ORDER BY _timestamp DESC');
    expect(() => sql.unsafeRaw(1 as unknown as string)).toThrow(TypeError);
  });

  it('returns frozen fragments', () => {
    const q = sql`SELECT 1`;
    expect(Object.isFrozen(q)).toBe(true);
    expect(JSON.stringify(q)).toBe('{"text":"SELECT 1"}');
  });
});

describe('sql tag: a value the template text leaves inside a comment or quote', () => {
  const tenant = "x'\nOR 1=1 --";

  it('refuses a value after a -- comment on the same line', () => {
    expect(
      () => sql`SELECT * FROM t -- only this tenant: ${tenant}
      WHERE tenant = ${'t-1'}`,
    ).toThrow(/value #1 .*is inside a -- comment/);
    expect(() => sql`SELECT * FROM t WHERE a = 1 --${1}`).toThrow(/-- comment/);
    expect(() => sql`SELECT * FROM t WHERE a = 1 ---${1}`).toThrow(/-- comment/);
  });

  it('allows a value once a newline (LF or CR) has ended the comment', () => {
    expect(
      sql`SELECT * FROM t -- one tenant
WHERE tenant = ${'t-1'}`.text,
    ).toBe("SELECT * FROM t -- one tenant\nWHERE tenant = 't-1'");
    expect(sql`SELECT 1 -- c\rAND a = ${2}`.text).toBe('SELECT 1 -- c\rAND a = 2');
  });

  it('refuses a value inside an unclosed block comment, nested ones counted', () => {
    expect(() => sql`SELECT * FROM t /* tenant ${tenant} */ WHERE a = 1`).toThrow(
      /value #1 .*inside an unclosed \/\* comment/,
    );
    expect(() => sql`SELECT /* outer /* inner */ still outer ${1} */ 2`).toThrow(/unclosed \/\* comment/);
    expect(sql`SELECT /* outer /* inner */ done */ ${1}`.text).toBe('SELECT /* outer /* inner */ done */ 1');
    expect(sql`SELECT /**/ ${1} /* a */ + ${2}`.text).toBe('SELECT /**/ 1 /* a */ + 2');
    expect(() => sql`SELECT /*/ ${1}`).toThrow(/unclosed/); // `/*/` opens and does not close
  });

  it('reads -- and /* inside literals and quoted identifiers as text, not comments', () => {
    expect(sql`SELECT '--' AS a, '/*' AS b, "x--y" AS c FROM t WHERE d = ${1}`.text).toBe(
      `SELECT '--' AS a, '/*' AS b, "x--y" AS c FROM t WHERE d = 1`,
    );
    expect(sql`SELECT 'it''s -- not' AS a WHERE b = ${1}`.text).toBe(
      `SELECT 'it''s -- not' AS a WHERE b = 1`,
    );
    expect(sql`SELECT 1 /* don't */ + ${2} -- "quoted"\n + ${3}`.text).toContain('+ 2');
  });

  it('refuses a value inside an open string literal or quoted identifier', () => {
    // `'%${q}%'` would become `'%'…'%'`: the value's own quotes close the template's literal.
    expect(() => sql`SELECT * FROM t WHERE name LIKE '%${tenant}%'`).toThrow(
      /inside an open '…' string literal/,
    );
    expect(() => sql`SELECT "${'col'}" FROM t`).toThrow(/inside an open "…" identifier.*sql\.id/);
    expect(() => sql`SELECT 'a''${1}'`).toThrow(/string literal/);
  });

  it("refuses a value inside an open $$…$$ or E'…' string, which the value could close", () => {
    // Both dialects (OpenObserve's PostgreSqlDialect, the devserver's DuckDB) read dollar-quoted
    // and E'…' strings. Before, the tag saw `$$` as code and `\'` as a closing quote, so against
    // the devserver `$$${'$$ OR 1=1 --'}$$` and `E'it\'s ${' OR 1=1 --'}'` ran `OR 1=1` as SQL.
    const attack = '$$ OR 1=1 --';
    expect(() => sql`SELECT * FROM t WHERE v = $$${attack}$$`).toThrow(
      /value #1 .*inside an open \$…\$ string/,
    );
    expect(() => sql`SELECT * FROM t WHERE v = $body$ ${attack} $body$`).toThrow(/\$…\$ string/);
    expect(() => sql`SELECT * FROM t WHERE v = E'it\\'s ${' OR 1=1 --'}'`).toThrow(
      /inside an open '…' string literal/,
    );
    expect(() => sql`SELECT * FROM t WHERE v = e'\\\\\\'${1}'`).toThrow(/string literal/);
    // Closed ones are text; a backslash escapes only in E'…'; `$1` and `a$b` are no quotes.
    expect(sql`SELECT $$it's -- $$ AS a, $x$ $$ $x$ AS b WHERE c = ${1}`.text).toBe(
      "SELECT $$it's -- $$ AS a, $x$ $$ $x$ AS b WHERE c = 1",
    );
    expect(sql`SELECT E'it\\'s' AS a, e'\\\\' AS b, 'c\\' AS c WHERE d = ${1}`.text).toBe(
      "SELECT E'it\\'s' AS a, e'\\\\' AS b, 'c\\' AS c WHERE d = 1",
    );
    expect(sql`SELECT name' ' AS a, abc$d AS b FROM t WHERE p = $1 AND c = ${1}`.text).toBe(
      "SELECT name' ' AS a, abc$d AS b FROM t WHERE p = $1 AND c = 1",
    );
  });

  it('refuses a value glued to the word before it, which would prefix its literal (E, U&, X, N)', () => {
    // `E${v}` became `E'…'`, where a backslash escapes: against the devserver
    // E${"\\' OR 1=1 --"} ran `OR 1=1` as SQL (all rows instead of none).
    const attack = "\\' OR 1=1 --";
    expect(() => sql`SELECT * FROM t WHERE v = E${attack}`).toThrow(/value #1 .*glued to the word before it/);
    expect(() => sql`SELECT * FROM t WHERE v = U&${attack}`).toThrow(/glued/);
    expect(() => sql`SELECT * FROM t WHERE v = ${sql.unsafeRaw('e')}${attack}`).toThrow(/value #2 .*glued/);
    expect(() => sql`SELECT * FROM t LIMIT${1}`).toThrow(/glued/);
    // A space, an operator or a bracket before it is fine; so are fragments glued to a name.
    expect(sql`SELECT * FROM t WHERE v =${'x'} AND w IN(${1}) AND u = E ${'y'}`.text).toBe(
      "SELECT * FROM t WHERE v ='x' AND w IN(1) AND u = E 'y'",
    );
    expect(sql`SELECT a_${sql.unsafeRaw('b')} FROM ${sql.id('t')}${sql.unsafeRaw(' AS x')}`.text).toBe(
      'SELECT a_b FROM "t" AS x',
    );
  });

  it('follows comments formed across fragments and values', () => {
    const dash = sql.unsafeRaw('-');
    expect(() => sql`SELECT a -${dash} c = ${1}`).toThrow(/value #2 .*-- comment/);
    const openComment = sql`a = 1 -- note`;
    expect(() => sql`SELECT * FROM t WHERE ${openComment} AND tenant = ${'t'}`).toThrow(
      /value #2 .*-- comment/,
    );
    const closed = sql`a = 1 /* note */`;
    expect(sql`SELECT * FROM t WHERE ${closed} AND tenant = ${'t'}`.text).toBe(
      `SELECT * FROM t WHERE a = 1 /* note */ AND tenant = 't'`,
    );
  });

  it('never names the offending value in the error', () => {
    let message = '';
    try {
      sql`SELECT 1 -- ${'secret-value'}`;
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/value #1/);
    expect(message).not.toContain('secret-value');
  });
});

/**
 * Reads a standard-SQL string literal starting at `start` the way PostgreSqlDialect does ('' is
 * an escaped quote, backslash is ordinary) and returns its value and the text after it.
 */
function readStringLiteral(text: string, start: number): { value: string; rest: string } {
  expect(text[start]).toBe("'");
  let value = '';
  let i = start + 1;
  for (;;) {
    const ch = text[i];
    if (ch === undefined) throw new Error('unterminated literal');
    if (ch === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, rest: text.slice(i + 1) };
    }
    value += ch;
    i++;
  }
}
