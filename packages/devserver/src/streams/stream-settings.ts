import { HttpError } from '../http/http-error.js';

/** OpenObserve's `StreamSettings`, as its schema and list answers show them. */
export interface StreamSettings {
  partition_keys: Record<string, unknown>;
  full_text_search_keys: string[];
  index_fields: string[];
  bloom_filter_fields: string[];
  /** Days rows are kept; 0 = the server's default (here: forever). */
  data_retention: number;
  flatten_level: number | null;
  defined_schema_fields: string[];
  /** Hours; 0 = no limit. */
  max_query_range: number;
  store_original_data: boolean;
}

const LIST_FIELDS = [
  'full_text_search_keys',
  'index_fields',
  'bloom_filter_fields',
  'defined_schema_fields',
] as const;
type ListField = (typeof LIST_FIELDS)[number];

export function defaultStreamSettings(): StreamSettings {
  return {
    partition_keys: {},
    full_text_search_keys: [],
    index_fields: [],
    bloom_filter_fields: [],
    data_retention: 0,
    flatten_level: null,
    defined_schema_fields: [],
    max_query_range: 0,
    store_original_data: false,
  };
}

/**
 * Applies a settings body to `current` and returns the result; throws 400 for a value of the
 * wrong kind. `create` (POST) takes lists as plain arrays; `update` (PUT) takes them as
 * `{add}`/`{remove}`/`{set}` as OpenObserve's `UpdateStreamSettings` does. Scalars are plain in
 * both. Fields the body leaves out keep their value.
 */
export function applyStreamSettings(
  current: StreamSettings,
  body: unknown,
  mode: 'create' | 'update',
): StreamSettings {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Invalid stream settings: expected a JSON object');
  }
  const given = body as Record<string, unknown>;
  const next: StreamSettings = { ...current };
  const wholeNumber = (field: 'data_retention' | 'max_query_range') => {
    const value = given[field];
    if (value === undefined || value === null) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new HttpError(400, `Invalid stream settings: ${field} must be a whole number ≥ 0`);
    next[field] = value;
  };
  wholeNumber('data_retention');
  wholeNumber('max_query_range');
  if (typeof given.store_original_data === 'boolean') next.store_original_data = given.store_original_data;
  if (typeof given.flatten_level === 'number' || given.flatten_level === null)
    next.flatten_level = given.flatten_level as number | null;
  for (const field of LIST_FIELDS) {
    const value = given[field];
    if (value === undefined || value === null) continue;
    next[field] = mode === 'create' ? stringList(field, value) : updatedList(field, current[field], value);
  }
  return next;
}

function stringList(field: ListField, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new HttpError(400, `Invalid stream settings: ${field} must be a list of field names`);
  return [...new Set(value as string[])];
}

function updatedList(field: ListField, current: string[], value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, `Invalid stream settings: ${field} must be {"add"|"remove"|"set": [...]}`);
  const change = value as Record<string, unknown>;
  let list = change.set === undefined ? [...current] : stringList(field, change.set);
  if (change.add !== undefined) list = [...new Set([...list, ...stringList(field, change.add)])];
  if (change.remove !== undefined) {
    const removed = new Set(stringList(field, change.remove));
    list = list.filter((name) => !removed.has(name));
  }
  return list;
}
