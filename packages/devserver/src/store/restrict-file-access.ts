import { sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteStringLiteral } from './quote-string-literal.js';

/**
 * Turns DuckDB's file access off for every connection, so that a search cannot read or write
 * files (`read_csv('/etc/passwd')`), except in `directory`: the devserver's own load files, so a
 * search could at most read rows that are being loaded. Both settings are global and the order
 * matters: the allowed directory cannot change once external access is off.
 */
export async function restrictFileAccess(connection: DuckDBConnection, directory: string): Promise<void> {
  // The trailing separator keeps `/tmp/dir-abc` from also allowing `/tmp/dir-abcdef`.
  const allowed = directory.endsWith(sep) ? directory : directory + sep;
  await connection.run(`SET allowed_directories = [${quoteStringLiteral(allowed)}]`);
  await connection.run('SET enable_external_access = false');
}
