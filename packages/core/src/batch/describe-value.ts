/** A short description of a value for an error message: an Error's message, a string's start, or its type. */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value.slice(0, 80)}'` : typeof value;
}
