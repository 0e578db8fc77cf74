import type { DuckDBConnection } from '@duckdb/node-api';
import { OPENOBSERVE_AGGREGATES } from './apply-planner-defaults.js';
import { SEARCH_MACROS } from './search-macros.js';

// DuckDB's function catalogue is fixed for the process and takes tens of ms to list.
let aggregateNames: Promise<ReadonlySet<string>> | undefined;

/** Our macros shadow DuckDB functions of the same name (DuckDB's `histogram` is an aggregate). */
const MACRO_NAMES = new Set(SEARCH_MACROS.map((macro) => /MACRO (\w+)\(/.exec(macro)?.[1]));

/**
 * OpenObserve's aggregates, and DuckDB's that no macro of ours replaces: an aggregate only DuckDB
 * knows (`stddev`) would fail with an added `_timestamp` or ORDER BY (OpenObserve adds both, and
 * DataFusion refuses the query).
 */
export function loadAggregateNames(connection: DuckDBConnection): Promise<ReadonlySet<string>> {
  aggregateNames ??= connection
    .runAndReadAll("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'aggregate'")
    .then((reader) => {
      const duckdb = reader.getRowsJS().map((row) => String(row[0]).toLowerCase());
      return new Set([...OPENOBSERVE_AGGREGATES, ...duckdb.filter((name) => !MACRO_NAMES.has(name))]);
    })
    .catch((error: unknown) => {
      aggregateNames = undefined;
      throw error;
    });
  return aggregateNames;
}
