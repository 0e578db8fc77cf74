/**
 * A tagged template for the SQL the suite sends: values become typed literals (strings single-quoted
 * with `'` doubled, finite numbers as written), stream names go through `identifier()`, and pieces built
 * by `sqlPart` nest as they are. Nothing is concatenated raw, which is the seed's injection defect
 * (architecture.md, last section).
 */
const IDENTIFIER = Symbol('sql.identifier');
const PART = Symbol('sql.part');

export interface SqlIdentifier {
  [IDENTIFIER]: string[];
}

/** A piece of SQL built by `sqlPart` or `joinSql`, inserted verbatim by `sql`. */
export interface SqlPart {
  [PART]: string;
}

export type SqlValue = string | number | SqlIdentifier | SqlPart;

/**
 * A double-quoted identifier, as OpenObserve needs for stream names (reference §8); several parts make a
 * qualified name such as `"logs"."app"`.
 */
export function identifier(...parts: string[]): SqlIdentifier {
  return { [IDENTIFIER]: parts };
}

export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): string {
  return strings.reduce((text, piece, index) => text + toSqlText(values[index - 1] as SqlValue) + piece);
}

export function sqlPart(strings: TemplateStringsArray, ...values: SqlValue[]): SqlPart {
  return { [PART]: sql(strings, ...values) };
}

export function joinSql(parts: SqlPart[], separator: ' AND ' | ' OR ' | ', '): SqlPart {
  return { [PART]: parts.map((part) => part[PART]).join(separator) };
}

function toSqlText(value: SqlValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`sql: not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (PART in value) return value[PART];
  return value[IDENTIFIER].map((part) => `"${part.replaceAll('"', '""')}"`).join('.');
}
