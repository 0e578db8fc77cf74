/** A flattened field value as stored: JSON scalars, plus bigint for OTLP nanosecond times. */
export type FlatValue = string | number | boolean | bigint;
export type FlatRecord = Record<string, FlatValue>;

/**
 * Nesting beyond which a record fails: serde_json's recursion limit, so OpenObserve cannot even
 * parse such a body. It keeps the recursion (and JSON.stringify of deep values) off the stack limit.
 */
export const MAX_NESTING_DEPTH = 128;

/** A record nested too deeply to flatten or store; it fails with this message. */
export class RecordTooDeepError extends Error {
  override name = 'RecordTooDeepError';
}

/**
 * OpenObserve's flattening (`flatten.rs`): keys are normalised at every level and joined with
 * `_`; objects deeper than `maxLevel` (0 = unlimited) and every array are stored as JSON text;
 * empty objects and arrays vanish; nulls are dropped; a later key silently wins on collision.
 * Returns undefined when the value is not an object (OpenObserve fails that record); throws
 * `RecordTooDeepError` for objects nested deeper than `MAX_NESTING_DEPTH`. A top-level field
 * with an empty name is dropped: DuckDB has no zero-length column names (OpenObserve keeps it).
 */
export function flattenRecord(
  value: unknown,
  maxLevel: number,
  fieldName: (key: string) => string,
): FlatRecord | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (isAlreadyFlat(value as Record<string, unknown>, fieldName)) return value as FlatRecord;
  const out: FlatRecord = {};
  try {
    flattenObject(value as Record<string, unknown>, '', maxLevel, 0, fieldName, out);
  } catch (error) {
    // JSON.stringify of a deep value beyond the flatten level overflows the stack.
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
  return out;
}

function flattenObject(
  object: Record<string, unknown>,
  prefix: string,
  maxLevel: number,
  depth: number,
  fieldName: (key: string) => string,
  out: FlatRecord,
): void {
  for (const rawKey in object) {
    const value = object[rawKey];
    if (value === null || value === undefined) continue;
    const key = depth > 0 ? `${prefix}_${fieldName(rawKey)}` : fieldName(rawKey);
    if (key === '') continue;
    if (typeof value !== 'object') {
      out[key] = value as FlatValue;
    } else if (Array.isArray(value)) {
      if (value.length > 0) out[key] = JSON.stringify(value);
    } else if (maxLevel > 0 && depth + 1 >= maxLevel) {
      if (hasKeys(value)) out[key] = JSON.stringify(value);
    } else {
      if (depth + 1 >= MAX_NESTING_DEPTH) throw tooDeep();
      flattenObject(value as Record<string, unknown>, key, maxLevel, depth + 1, fieldName, out);
    }
  }
}

// The common case (records our SDK wrote): scalar values under valid names. Returning the parsed
// object itself saves a copy per record.
function isAlreadyFlat(object: Record<string, unknown>, fieldName: (key: string) => string): boolean {
  for (const key in object) {
    const value = object[key];
    if (
      value === null ||
      typeof value === 'object' ||
      value === undefined ||
      key === '' ||
      fieldName(key) !== key
    )
      return false;
  }
  return true;
}

function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

function tooDeep(): RecordTooDeepError {
  return new RecordTooDeepError(`Failed to flatten record: nested deeper than ${MAX_NESTING_DEPTH} levels`);
}
