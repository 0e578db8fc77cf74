/**
 * A short type name for error messages. Never the value itself: it may be user data (an email, a
 * search term) and error messages end up in logs.
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return typeof value;
}
