/**
 * OpenObserve flattens nested objects with `_` up to `ZO_INGEST_FLATTEN_LEVEL` levels (default 3;
 * 0 means unlimited) and stores anything deeper, and every array, as a JSON string.
 */
export const DEFAULT_FLATTEN_LEVEL = 3;
/** The separator OpenObserve uses between the keys of a flattened path. */
export const FLATTEN_SEPARATOR = '_';
