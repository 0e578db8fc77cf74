const VALID_ASCII_FIELD_NAME = /^[a-z0-9_]*$/;
const INVALID_ASCII_CHAR = /[^a-z0-9_]/g;
const NON_ASCII = /[\u0080-\uffff]/;
const LOWERCASE_OR_NUMERIC = /^[\p{Lowercase}\p{N}_]$/u;
const UPPERCASE = /^\p{Uppercase}$/u;

/**
 * OpenObserve's field-name rule (`format_key` in `flatten.rs`): ASCII letters are lowercased and
 * every other ASCII character but digits and `_` becomes `_`, one for one (`userId` → `userid`,
 * `a.b` → `a_b`, `@timestamp` → `_timestamp`; no underscore is inserted at case changes). A key
 * with non-ASCII characters is mapped per code point: lowercase letters and digits of any script
 * stay (`größe`), uppercase ones are lowercased, anything else (CJK, emoji) becomes `_`.
 */
export function normalizeFieldName(name: string): string {
  if (VALID_ASCII_FIELD_NAME.test(name)) return name;
  if (!NON_ASCII.test(name)) return name.toLowerCase().replace(INVALID_ASCII_CHAR, '_');
  let out = '';
  for (const char of name) {
    if (LOWERCASE_OR_NUMERIC.test(char)) out += char;
    else if (UPPERCASE.test(char)) out += [...char.toLowerCase()][0];
    else out += '_';
  }
  return out;
}

/**
 * The same rule with a small memo: record keys repeat across millions of records, so the
 * serializer's hot path pays one Map lookup instead of two regular expressions per key.
 */
export function createFieldNameCache(
  maxEntries = 4096,
  transform: (normalized: string) => string = (normalized) => normalized,
): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    const normalized = transform(normalizeFieldName(name));
    // A bounded memo: hostile or generated keys must not grow it without end.
    if (cache.size >= maxEntries) cache.clear();
    cache.set(name, normalized);
    return normalized;
  };
}
