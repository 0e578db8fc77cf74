/**
 * True for what `send` takes as a record: a plain object, or an instance of the caller's own class
 * (its own enumerable fields are sent, as `JSON.stringify` would). Built-ins such as Date, Map,
 * Set, Error, RegExp, Promise, URL, typed arrays and boxed primitives are refused: their data is
 * not in own enumerable fields, so as a record each would arrive in OpenObserve as an empty row.
 * (Inside a record they are fine: the serializer writes a Date as ISO text, an Error as
 * `name`/`message`/`stack`.)
 */
export function isSendableRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  try {
    // Class instances and null-prototype objects say `[object Object]`; built-ins name themselves.
    return !Array.isArray(value) && Object.prototype.toString.call(value) === '[object Object]';
  } catch {
    return false; // a revoked Proxy
  }
}

/** How a refused record is named in a report: `'hello'`, `number`, `null`, `an array`, `a Map`. */
export function describeRefusedRecord(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.slice(0, 80)}'`;
  if (typeof value !== 'object') return typeof value;
  try {
    if (Array.isArray(value)) return 'an array';
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    // 'a URL', 'a Uint8Array': a leading U is read as "you".
    return `${/^[AEIO]/.test(tag) ? 'an' : 'a'} ${tag}`;
  } catch {
    return 'an unreadable object';
  }
}
