import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { hasTimestampColumn } from '../src/sql/has-timestamp-column.js';
import { insertTimestampColumn } from '../src/sql/insert-timestamp-column.js';
import { onlyStatementNode, readSqlParseTree } from '../src/sql/read-sql-parse-tree.js';

/** The devserver's way of applying OpenObserve's `AddTimestampVisitor`: classifying and inserting. */
describe('insertTimestampColumn', () => {
  it.each([
    ['SELECT a FROM s', 'SELECT "_timestamp", a FROM s'],
    ['select all a, b from s', 'select all "_timestamp", a, b from s'],
    ['SELECT /* hint */ upper(a) AS u FROM s', 'SELECT /* hint */ "_timestamp", upper(a) AS u FROM s'],
    ['FROM s SELECT a', 'FROM s SELECT "_timestamp", a'],
    ['(SELECT a FROM s LIMIT 2)', '(SELECT "_timestamp", a FROM s LIMIT 2)'],
    ["SELECT 'select' AS a FROM s", 'SELECT "_timestamp", \'select\' AS a FROM s'],
  ])('%s', (sql, expected) => {
    expect(insertTimestampColumn(sql)).toBe(expected);
  });
});

describe('hasTimestampColumn', () => {
  async function check(sql: string): Promise<boolean> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      return hasTimestampColumn(onlyStatementNode(await readSqlParseTree(connection, sql)));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it.each([
    'SELECT * FROM s',
    'SELECT s.* FROM s',
    'SELECT * EXCLUDE (a) FROM s',
    'SELECT a, _timestamp FROM s',
    'SELECT _timestamp AS t FROM s',
    'SELECT "_timestamp" FROM s',
    'SELECT s._timestamp FROM s',
    "SELECT histogram(_timestamp, '1 minute') AS k FROM s",
    'SELECT a, CASE WHEN _timestamp > 0 THEN 1 END AS late FROM s',
  ])('%s gives _timestamp', async (sql) => {
    expect(await check(sql)).toBe(true);
  });

  it.each([
    'SELECT a FROM s',
    'SELECT a AS _timestamp FROM s',
    "SELECT '_timestamp' AS a FROM s",
    'SELECT a FROM s ORDER BY _timestamp',
    'SELECT a FROM s WHERE _timestamp > 0',
  ])('%s does not', async (sql) => {
    expect(await check(sql)).toBe(false);
  });
});
