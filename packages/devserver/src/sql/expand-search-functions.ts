import { isJsonObject, type JsonObject } from './json-object.js';
import type { SqlTemplates } from './load-sql-templates.js';
import { SqlNotValidError } from './search-sql-errors.js';
import { walkSqlTree } from './walk-sql-tree.js';

export interface ExpandSearchFunctionsOptions {
  /** Interval for `histogram(_timestamp)` without one (`histogramInterval`). */
  autoHistogramInterval: string;
  /**
   * The full-text columns `match_all` searches (`log`, `message`, … that the stream has), or
   * undefined where OpenObserve refuses `match_all` (a query that is not one plain stream).
   */
  matchAllColumns: readonly string[] | undefined;
  templates: SqlTemplates;
}

/** OpenObserve's `MatchAllRawVisitor` turns the `_raw` forms into `match_all` first. */
const MATCH_ALL_NAMES = new Set(['match_all', 'match_all_raw', 'match_all_raw_ignore_case']);

/**
 * Rewrites the two OpenObserve functions that need facts a macro cannot see, in DuckDB's parse
 * tree: `histogram(x)` gets the interval OpenObserve would pick for the time range, and
 * `match_all('kw')` becomes `o2_fts_match(col, 'kw') OR …` over the stream's full-text columns.
 * Refusals follow OpenObserve's `MatchVisitor` (`src/search/src/sql/mod.rs`, step 7), with its
 * messages.
 */
export function expandSearchFunctions(node: JsonObject, options: ExpandSearchFunctionsOptions): void {
  walkSqlTree(node, {
    expression(fn) {
      if (fn.class !== 'FUNCTION') return;
      const name = String(fn.function_name ?? '').toLowerCase();
      const args = Array.isArray(fn.children) ? fn.children : [];
      if (name === 'histogram' && args.length === 1) {
        args.push(textConstant(options.templates, options.autoHistogramInterval));
      } else if (MATCH_ALL_NAMES.has(name)) {
        replaceNode(fn, matchAllExpression(args, options));
      }
    },
  });
}

function matchAllExpression(args: unknown[], options: ExpandSearchFunctionsOptions): JsonObject {
  const { matchAllColumns: columns, templates } = options;
  if (columns === undefined) {
    throw new SqlNotValidError(
      'match_all() should directly apply to stream, FROM clause should not be join/subuqery/cte',
    );
  }
  if (columns.length === 0) {
    throw new SqlNotValidError(
      'match_all() should only apply to the stream that have full text search fields',
    );
  }
  const [keyword] = args;
  if (args.length !== 1 || !isJsonObject(keyword))
    throw new SqlNotValidError('match_all() takes one keyword');
  const tests = columns.map((column) => {
    const test = structuredClone(templates.ftsMatch);
    test.children = [
      { ...(test.children as JsonObject[])[0], column_names: [column] },
      structuredClone(keyword),
    ];
    return test;
  });
  if (tests.length === 1) return tests[0]!;
  return { ...structuredClone(templates.or), children: tests };
}

function textConstant(templates: SqlTemplates, text: string): JsonObject {
  const constant = structuredClone(templates.text);
  (constant.value as JsonObject).value = text;
  return constant;
}

function replaceNode(target: JsonObject, replacement: JsonObject): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, replacement);
}
