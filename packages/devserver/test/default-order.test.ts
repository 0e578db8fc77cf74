import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { isSimpleQuery } from '../src/sql/apply-planner-defaults.js';
import { onlyStatementNode, readSqlParseTree } from '../src/sql/read-sql-parse-tree.js';

/** Which queries get OpenObserve's default order and `_timestamp` column. */
describe('isSimpleQuery', () => {
  const aggregates = new Set(['count', 'count_star', 'sum']);
  async function check(sql: string): Promise<boolean> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      return isSimpleQuery(onlyStatementNode(await readSqlParseTree(connection, sql)), aggregates);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it.each([
    'SELECT * FROM s',
    "SELECT a, b FROM s WHERE a = 1 AND str_match(b, 'x') LIMIT 5",
    'SELECT upper(a) AS u FROM "logs"."s"',
  ])('%s is simple', async (sql) => {
    expect(await check(sql)).toBe(true);
  });

  it.each([
    'SELECT count(*) FROM s',
    'SELECT sum(a) + 1 FROM s',
    'SELECT a FROM s GROUP BY a',
    'SELECT a FROM s GROUP BY ALL',
    'SELECT DISTINCT a FROM s',
    'SELECT a, row_number() OVER () FROM s',
    'SELECT a FROM s WHERE a IN (SELECT a FROM t)',
    'SELECT s.a FROM s JOIN t ON s.a = t.a',
    'SELECT a FROM s, t',
    'SELECT a FROM s UNION ALL SELECT a FROM t',
    'WITH c AS (SELECT a FROM s) SELECT a FROM c',
    'SELECT * FROM (SELECT a FROM s) x',
    'SELECT * FROM range(3)',
  ])('%s is not simple', async (sql) => {
    expect(await check(sql)).toBe(false);
  });
});
