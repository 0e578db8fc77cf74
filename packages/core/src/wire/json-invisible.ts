/*
 * Values whose content `JSON.stringify` does not see: an Error keeps `name`, `message`, `stack`
 * and `cause` on its prototype or as non-enumerable properties, a Map or a Set has no keys of its
 * own. JSON writes them as `{}` (with an Error's enumerable extras at most), so a logged error
 * would arrive without its message.
 */

/** Whether JSON would write `value` without its content. */
export const isJsonInvisible = (value: object): value is Error | Map<unknown, unknown> | Set<unknown> =>
  value instanceof Error || value instanceof Map || value instanceof Set;

/** `value` in the form JSON can write: an Error's fields, a Map's entries, a Set's values. */
export function jsonVisible(value: Error | Map<unknown, unknown> | Set<unknown>): object {
  return value instanceof Error ? errorFieldsOf(value) : collectionAsJson(value);
}

/**
 * Whether such a value sits anywhere inside `value`. Called only after `JSON.stringify(value)`
 * succeeded, so there is no cycle and the walk costs no more than that call did.
 */
export function holdsJsonInvisible(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (isJsonInvisible(value)) return true;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return value.some(holdsJsonInvisible);
  for (const key in value) if (holdsJsonInvisible((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * What an Error says: `name`, `message`, `stack` (on the prototype or not enumerable), its own
 * fields (`code`, `status` of a library's error) and its `cause` (not enumerable either), which
 * is walked as an Error in turn.
 */
export function errorFieldsOf(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  for (const key of Object.keys(error))
    if (!(key in fields)) fields[key] = (error as unknown as Record<string, unknown>)[key];
  if (error.cause !== undefined && !('cause' in fields)) fields.cause = error.cause;
  return fields;
}

/** A Map as an object of its entries (keys as text), a Set as an array of its values. */
export function collectionAsJson(collection: Map<unknown, unknown> | Set<unknown>): object {
  if (collection instanceof Set) return [...collection];
  const object: Record<string, unknown> = Object.create(null);
  for (const [key, value] of collection) object[String(key)] = value;
  return object;
}
