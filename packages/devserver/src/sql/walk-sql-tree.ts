import { isJsonObject, type JsonObject } from './json-object.js';

/** Table references that only combine other references or produce rows from expressions. */
export const COMPOSITE_TABLE_REFS: ReadonlySet<string> = new Set([
  'JOIN',
  'SUBQUERY',
  'EXPRESSION_LIST',
  'EMPTY',
  'EMPTY_FROM',
  'PIVOT',
]);

/** Every `TableReferenceType` DuckDB serializes. */
const TABLE_REF_TYPES = new Set([
  'INVALID',
  'BASE_TABLE',
  'TABLE_FUNCTION',
  'CTE',
  'SHOW_REF',
  'COLUMN_DATA',
  'DELIM_GET',
  'BOUND_TABLE_REF',
  ...COMPOSITE_TABLE_REFS,
]);

/** What a walk of a `json_serialize_sql` tree reports; each callback may edit the node in place. */
export interface SqlTreeVisitor {
  /** A table reference (FROM, a JOIN side, …) and the lowercased names of the CTEs in scope there. */
  tableRef?(ref: JsonObject, visible: ReadonlySet<string>): void;
  /** An expression node (it has a `class`: `FUNCTION`, `COLUMN_REF`, `SUBQUERY`, …). */
  expression?(node: JsonObject): void;
  /** A CTE whose FROM is not walked (the search's own stream CTEs); the rest of it is. */
  isTrustedCte?(name: string, body: JsonObject): boolean;
}

/**
 * Walks a tree the way DuckDB's binder scopes names: a query node's CTEs are visible in its
 * body and in the CTEs after them, and a CTE's own name only in the recursive part of a
 * recursive CTE (elsewhere, and in the anchor part, DuckDB binds that name to the table). Every
 * table reference and expression is reported with the CTE names visible where it stands.
 */
export function walkSqlTree(
  value: unknown,
  visitor: SqlTreeVisitor,
  visible: ReadonlySet<string> = new Set(),
): void {
  if (Array.isArray(value)) {
    for (const item of value) walkSqlTree(item, visitor, visible);
    return;
  }
  if (!isJsonObject(value)) return;
  if (isJsonObject(value.cte_map)) {
    walkQueryNode(value, visitor, visible);
    return;
  }
  if (typeof value.class === 'string') visitor.expression?.(value);
  else if (typeof value.type === 'string' && TABLE_REF_TYPES.has(value.type))
    visitor.tableRef?.(value, visible);
  for (const child of Object.values(value)) walkSqlTree(child, visitor, visible);
}

function walkQueryNode(node: JsonObject, visitor: SqlTreeVisitor, visible: ReadonlySet<string>): void {
  const cteMap = node.cte_map as JsonObject;
  const entries = Array.isArray(cteMap.map) ? cteMap.map : [];
  const scope = new Set(visible);
  for (const entry of entries) {
    if (!isJsonObject(entry) || typeof entry.key !== 'string' || !isJsonObject(entry.value)) {
      throw new TypeError('unreadable WITH clause');
    }
    const name = entry.key.toLowerCase();
    const query = isJsonObject(entry.value.query) ? entry.value.query : undefined;
    const body = isJsonObject(query?.node) ? query.node : undefined;
    if (body && visitor.isTrustedCte?.(entry.key, body)) {
      for (const [key, child] of Object.entries(body))
        if (key !== 'from_table') walkSqlTree(child, visitor, scope);
    } else if (body?.type === 'RECURSIVE_CTE_NODE') {
      const withSelf = new Set(scope).add(name);
      for (const [key, child] of Object.entries(body))
        walkSqlTree(child, visitor, key === 'right' ? withSelf : scope);
      for (const [key, child] of Object.entries(entry.value))
        if (key !== 'query') walkSqlTree(child, visitor, scope);
    } else {
      walkSqlTree(entry.value, visitor, scope);
    }
    scope.add(name);
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'cte_map') walkSqlTree(child, visitor, scope);
}
