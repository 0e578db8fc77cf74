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
    // Typed arrays (and Node's Buffer) name themselves through a getter, which would pass as a
    // class's own tag below.
    if (Array.isArray(value) || ArrayBuffer.isView(value)) return false;
    // Class instances and null-prototype objects say `[object Object]`; built-ins name themselves.
    const described = Object.prototype.toString.call(value);
    if (described === '[object Object]') return true; // the common case, without a slice per send
    const tag = described.slice(8, -1);
    // A name is not enough: the caller's own class may name itself too (`get [Symbol.toStringTag]()
    // { return 'Order' }`) and is still a record. Built-ins hold their name either in an internal
    // slot (no Symbol.toStringTag property anywhere) or in a read-only data property, as the
    // language and web specifications define it; a getter or a writable field is the caller's.
    const own = findToStringTag(value);
    if (own === undefined) return !INTERNAL_SLOT_TAGS.has(tag); // otherwise a Proxy's get trap named it
    return own.get !== undefined || own.writable === true;
  } catch {
    return false; // a revoked Proxy
  }
}

/** Names `Object.prototype.toString` takes from internal slots rather than `Symbol.toStringTag`. */
const INTERNAL_SLOT_TAGS = new Set([
  'Arguments',
  'Boolean',
  'Date',
  'Error',
  'Function',
  'Number',
  'RegExp',
  'String',
]);

function findToStringTag(value: object): PropertyDescriptor | undefined {
  for (let at: object | null = value; at !== null; at = Object.getPrototypeOf(at)) {
    const descriptor = Object.getOwnPropertyDescriptor(at, Symbol.toStringTag);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
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
