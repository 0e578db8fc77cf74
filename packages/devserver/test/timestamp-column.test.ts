import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { hasTimestampColumn } from '../src/sql/has-timestamp-column.js';
import { onlyStatementNode, readSqlParseTree } from '../src/sql/read-sql-parse-tree.js';

/** How OpenObserve's `AddTimestampVisitor` decides that a SELECT list already gives `_timestamp`. */
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
