/** A flattened field value as stored: JSON scalars, plus bigint for OTLP nanosecond times. */
export type FlatValue = string | number | boolean | bigint;
export type FlatRecord = Record<string, FlatValue>;

/**
 * OpenObserve's flattening (`flatten.rs`): keys are normalised at every level and joined with
 * `_`; objects deeper than `maxLevel` (0 = unlimited) and every array are stored as JSON text;
 * empty objects and arrays vanish; nulls are dropped; a later key silently wins on collision.
 * Returns undefined when the value is not an object (OpenObserve fails that record).
 */
export function flattenRecord(
  value: unknown,
  maxLevel: number,
  fieldName: (key: string) => string,
): FlatRecord | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (isAlreadyFlat(value as Record<string, unknown>, fieldName)) return value as FlatRecord;
  const out: FlatRecord = {};
  flattenObject(value as Record<string, unknown>, '', maxLevel, 0, fieldName, out);
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
    if (typeof value !== 'object') {
      out[key] = value as FlatValue;
    } else if (Array.isArray(value)) {
      if (value.length > 0) out[key] = JSON.stringify(value);
    } else if (maxLevel > 0 && depth + 1 >= maxLevel) {
      if (hasKeys(value)) out[key] = JSON.stringify(value);
    } else {
      flattenObject(value as Record<string, unknown>, key, maxLevel, depth + 1, fieldName, out);
    }
  }
}

// The common case (records our SDK wrote): scalar values under valid names. Returning the parsed
// object itself saves a copy per record.
function isAlreadyFlat(object: Record<string, unknown>, fieldName: (key: string) => string): boolean {
  for (const key in object) {
    const value = object[key];
    if (value === null || typeof value === 'object' || value === undefined || fieldName(key) !== key)
      return false;
  }
  return true;
}

function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}
