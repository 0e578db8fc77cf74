import { describe, expect, it } from 'vitest';
import { analyzeSearchSql, SqlNotValidError } from './analyze-search-sql.js';
import { histogramInterval } from './histogram-interval.js';
import {
  FullTextFieldNotFoundError,
  type ResolvedStream,
  rewriteSearchSql,
  StreamNotFoundError,
} from './rewrite-search-sql.js';
import { SqlSyntaxError, tokenizeSql } from './tokenize-sql.js';

const stream = (name: string, ftsColumns = ['message']): ResolvedStream => ({
  name,
  type: 'logs',
  table: `default/logs/${name}`,
  ftsColumns,
});
const known = new Set(['default', 'app_logs', 'orders']);
const rewrite = (sql: string, fts?: string[]) =>
  rewriteSearchSql(analyzeSearchSql(sql), {
    resolve: (name) => (known.has(name) ? stream(name, fts) : undefined),
    autoHistogramInterval: '1 minute',
  });

describe('tokenizeSql', () => {
  it('keeps strings, quoted identifiers and comments whole and round-trips the text', () => {
    const sql = `SELECT 'it''s FROM x', "we""ird" -- FROM y\nFROM "default" /* FROM z */`;
    const tokens = tokenizeSql(sql);
    expect(tokens.map((t) => t.text).join('')).toBe(sql);
    expect(tokens.find((t) => t.kind === 'string')?.text).toBe(`'it''s FROM x'`);
    expect(tokens.find((t) => t.kind === 'quoted')?.text).toBe('"we""ird"');
    expect(tokens.filter((t) => t.kind === 'comment')).toHaveLength(2);
  });

  it('rejects unterminated literals', () => {
    expect(() => tokenizeSql(`SELECT 'oops`)).toThrow(SqlSyntaxError);
    expect(() => tokenizeSql(`SELECT "oops`)).toThrow(SqlSyntaxError);
  });
});

describe('analyzeSearchSql', () => {
  it('finds streams after FROM and JOIN, quoted or not, with aliases and comma lists', () => {
    const analysis = analyzeSearchSql(
      `SELECT * FROM "default" d, orders o JOIN app_logs AS a ON d.x = a.x WHERE x IN (SELECT y FROM "orders")`,
    );
    expect(analysis.streams.map((s) => s.name)).toEqual(['default', 'orders', 'app_logs', 'orders']);
  });

  it('ignores FROM inside strings, comments and EXTRACT, and names defined by WITH', () => {
    const analysis = analyzeSearchSql(
      `WITH recent AS (SELECT * FROM app_logs) SELECT EXTRACT(YEAR FROM ts), 'FROM nowhere' -- FROM x\nFROM recent`,
    );
    expect(analysis.streams.map((s) => s.name)).toEqual(['app_logs']);
  });

  it('reads a stream-type prefix', () => {
    const [ref] = analyzeSearchSql('SELECT * FROM "metrics"."cpu_usage"').streams;
    expect(ref).toMatchObject({ name: 'cpu_usage', type: 'metrics' });
  });

  it('only accepts one SELECT statement', () => {
    expect(() => analyzeSearchSql('DROP TABLE x')).toThrow(SqlNotValidError);
    expect(() => analyzeSearchSql('SELECT 1; DROP TABLE x')).toThrow(SqlNotValidError);
    expect(() => analyzeSearchSql('SELECT 1;')).not.toThrow();
    expect(() => analyzeSearchSql('SELECT (1')).toThrow(SqlNotValidError);
  });

  it('sees only a top-level LIMIT', () => {
    expect(analyzeSearchSql('SELECT * FROM x LIMIT 5').hasLimit).toBe(true);
    expect(analyzeSearchSql('SELECT * FROM (SELECT * FROM x LIMIT 5)').hasLimit).toBe(false);
    expect(analyzeSearchSql(`SELECT 'LIMIT 5' FROM x`).hasLimit).toBe(false);
    expect(analyzeSearchSql('SELECT a AS limit FROM x').hasLimit).toBe(false);
    expect(analyzeSearchSql('SELECT x.limit FROM x').hasLimit).toBe(false);
    expect(analyzeSearchSql('SELECT a FROM x FETCH FIRST 2 ROWS ONLY').hasLimit).toBe(true);
  });
});

describe('rewriteSearchSql', () => {
  it('wraps each stream in a time-filtered CTE of the same name, with bound parameters', () => {
    const sql = rewrite('SELECT count(*) FROM "default"');
    expect(sql).toBe(
      'WITH "default" AS (SELECT * FROM "default/logs/default" WHERE "_timestamp" >= $zo_start_time AND "_timestamp" < $zo_end_time) SELECT count(*) FROM "default"',
    );
  });

  it('merges with the query’s own WITH clause', () => {
    const sql = rewrite('WITH RECURSIVE t AS (SELECT 1) SELECT * FROM t, orders');
    expect(sql.startsWith('WITH RECURSIVE "orders" AS (SELECT * FROM "default/logs/orders"')).toBe(true);
    expect(sql).toContain('), t AS (SELECT 1) SELECT * FROM t, orders');
  });

  it('unknown streams are reported by name', () => {
    expect(() => rewrite('SELECT * FROM "nope"')).toThrow(StreamNotFoundError);
  });

  it('adds the automatic interval to one-argument histogram() only', () => {
    expect(rewrite('SELECT histogram(_timestamp) AS k FROM orders')).toContain(
      `histogram(_timestamp, '1 minute') AS k`,
    );
    expect(rewrite(`SELECT histogram(_timestamp, '5 minute') FROM orders`)).toContain(
      `histogram(_timestamp, '5 minute')`,
    );
    expect(rewrite(`SELECT 'histogram(x)' FROM orders`)).toContain(`'histogram(x)'`);
  });

  it('expands match_all over the stream’s full-text columns, keeping the literal token', () => {
    const sql = rewrite(`SELECT * FROM app_logs WHERE match_all('it''s down')`, ['log', 'message']);
    expect(sql).toContain(`(o2_fts_match("log", 'it''s down') OR o2_fts_match("message", 'it''s down'))`);
    expect(() => rewrite(`SELECT * FROM app_logs WHERE match_all('x')`, [])).toThrow(
      FullTextFieldNotFoundError,
    );
  });

  it('rewrites a type-prefixed reference to the CTE name', () => {
    const sql = rewriteSearchSql(analyzeSearchSql('SELECT * FROM "logs"."orders"'), {
      resolve: (name) => stream(name),
      autoHistogramInterval: '1 hour',
    });
    expect(sql.endsWith('SELECT * FROM "orders"')).toBe(true);
  });

  it('quotes stream names that contain quotes', () => {
    const sql = rewriteSearchSql(analyzeSearchSql('SELECT * FROM "a""b"'), {
      resolve: (name) => stream(name),
      autoHistogramInterval: '1 hour',
    });
    expect(sql).toContain('WITH "a""b" AS (SELECT * FROM "default/logs/a""b"');
  });
});

describe('histogramInterval', () => {
  it('follows OpenObserve’s table', () => {
    const hour = 3_600_000_000;
    expect(histogramInterval(0, 0)).toBe('1 hour');
    expect(histogramInterval(0, 10 * 60_000_000)).toBe('10 second');
    expect(histogramInterval(0, hour)).toBe('30 second');
    expect(histogramInterval(0, 24 * hour)).toBe('1 hour');
    expect(histogramInterval(0, 61 * 24 * hour)).toBe('1 day');
  });
});
