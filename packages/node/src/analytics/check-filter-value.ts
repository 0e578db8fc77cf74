import { AnalyticsValidationError } from './analytics-validation-error.js';

/**
 * Longest free-text filter (a user id, a service name). Ids are short; a longer value is a bug
 * or an attack, and refusing it keeps a 10 KB string from turning into a 10 KB query.
 */
export const MAX_FILTER_LENGTH = 512;

/**
 * A free-text filter value, checked before it goes through the `sql` tag (which quotes it): a
 * string of at most {@link MAX_FILTER_LENGTH} characters without NUL. `undefined` means no filter.
 */
export function checkFilterText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new AnalyticsValidationError(field, `must be a string; got ${typeof value}`);
  if (value.length === 0)
    throw new AnalyticsValidationError(field, 'must not be empty (leave it out for all)');
  if (value.length > MAX_FILTER_LENGTH) {
    throw new AnalyticsValidationError(field, `is ${value.length} characters; at most ${MAX_FILTER_LENGTH}`);
  }
  if (value.includes('\0')) throw new AnalyticsValidationError(field, 'contains a NUL character');
  return value;
}

/** A value that must be one of `allowed` (a level, a category, a ranking); `undefined` passes. */
export function checkEnumValue<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const shown =
    typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'` : typeof value;
  throw new AnalyticsValidationError(field, `must be one of ${allowed.join(', ')}; got ${shown}`);
}

/** An integer option within bounds, or its default when left out. */
export function checkIntegerOption(
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  field: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new AnalyticsValidationError(
      field,
      `must be an integer from ${min} to ${max}; got ${String(value)}`,
    );
  }
  return value;
}
