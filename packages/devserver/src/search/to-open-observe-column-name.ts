/**
 * The name OpenObserve's engine (DataFusion) gives a result column where DuckDB names it
 * differently. Only unaliased `count(*)` is mapped: DuckDB calls it `count_star()`, DataFusion
 * `count(*)` (its `AddSortAndLimitRule` tests show the header), and it is the unaliased aggregate
 * people write most. Other unaliased expressions keep DuckDB's names (see the README).
 */
export function toOpenObserveColumnName(duckdbName: string): string {
  return duckdbName === 'count_star()' ? 'count(*)' : duckdbName;
}
