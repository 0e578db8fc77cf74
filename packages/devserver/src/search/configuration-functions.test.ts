import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { PG_CATALOG_FUNCTIONS } from './configuration-functions.js';

it('lists every function DuckDB defines in pg_catalog', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      "SELECT DISTINCT function_name FROM duckdb_functions() WHERE schema_name = 'pg_catalog' ORDER BY 1",
    );
    expect(reader.getRowsJS().map((row) => row[0])).toEqual([...PG_CATALOG_FUNCTIONS].sort());
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});
