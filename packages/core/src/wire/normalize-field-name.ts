const VALID_FIELD_NAME = /^[a-z0-9_]*$/;
const INVALID_FIELD_CHAR = /[^a-z0-9_]/g;

/**
 * OpenObserve's field-name rule (`flatten.rs`): lowercase, then every character that is not a
 * lowercase letter, digit or `_` becomes `_`, one for one (`userId` → `userid`, `a.b` → `a_b`,
 * `@timestamp` → `_timestamp`). No underscore is inserted at case changes.
 */
export function normalizeFieldName(name: string): string {
  if (VALID_FIELD_NAME.test(name)) return name;
  return name.toLowerCase().replace(INVALID_FIELD_CHAR, '_');
}

/**
 * The same rule with a small memo: record keys repeat across millions of records, so the
 * serializer's hot path pays one Map lookup instead of two regular expressions per key.
 */
export function createFieldNameCache(maxEntries = 4096): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    const normalized = normalizeFieldName(name);
    // A bounded memo: hostile or generated keys must not grow it without end.
    if (cache.size >= maxEntries) cache.clear();
    cache.set(name, normalized);
    return normalized;
  };
}
