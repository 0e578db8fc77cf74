import type { FieldInfo, FieldTable } from './create-field-table.js';
import { maskCardNumbers, maskCardNumberValue, mayContainCardNumber } from './mask-card-numbers.js';
import { maskCvvMentions } from './mask-cvv-mentions.js';
import { UUID_LENGTH, type UuidV7Source } from './uuid-v7.js';

declare const TextEncoder: new () => { encode(text: string): Uint8Array };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_C = 0x63;
const MINUS = 0x2d;
const POINT = 0x2e;
/** Longer string values are not kept as bytes for reuse (see `FieldInfo.repeated`). */
const MAX_REPEATED_LENGTH = 64;
/** Keys per object whose order is remembered (see `FieldInfo.keyOrder`). */
const MAX_REMEMBERED_KEYS = 64;
const RESERVED_NAMES = new Set(['_timestamp', 'event_time', 'event_id', '__proto__']);
const ESCAPES: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 }; // \b \t \n \f \r
const HEX = Array.from('0123456789abcdef', (char) => char.charCodeAt(0));
const encoder = new TextEncoder();
const ascii = (text: string) => encoder.encode(text);

/** Settings of {@link createRecordByteWriter}. */
export interface RecordByteWriterOptions {
  fields: FieldTable;
  maxStringLength: number;
  flattenLevel: number;
  eventIds: UuidV7Source;
  /** `,"name":value` of every common field, already masked. */
  commonFields: string;
  /** More fields of the record's own are left to the walk, which refuses the record. */
  maxOwnFields: number;
}

/** The bytes of the last record written: `bytes[0 … length)`, valid until the next write. */
export interface WrittenRecord {
  bytes: Uint8Array;
  length: number;
}

/**
 * The serializer's fast path: writes a record straight into UTF-8 bytes, field by field, with
 * the field table's names — no JSON text, no intermediate object, no string per id or time.
 * It takes what needs no judgement: plain objects (nested ones flattened to the server's level)
 * of strings, finite numbers and booleans, under plain names, with no card number in them. It
 * gives up on anything else (an array, a Date, a secret name, a string that holds a card number,
 * a too-long string, a reserved name …) by returning `undefined`, before it takes an event id,
 * and the careful walk of `serialize-record.ts` writes that record instead. Both produce the same
 * JSON for the records both take (`serialize-record.test.ts` compares them).
 */
export function createRecordByteWriter(options: RecordByteWriterOptions) {
  const { fields, maxStringLength, flattenLevel, eventIds, maxOwnFields } = options;
  const common = ascii(options.commonFields);
  const written: WrittenRecord = { bytes: new Uint8Array(4096), length: 0 };
  let bytes: Uint8Array = written.bytes;
  let pos = 0;
  let headTimestampUs = Number.NaN;
  let headEventTimeMs = Number.NaN;
  /** The header up to the id, all ASCII; a string, so a new millisecond allocates no bytes. */
  let head = '';
  /** The buffer and header that `bytes[0 … fieldsStart)` holds, but for the id. */
  let prefixIn: Uint8Array | undefined;
  let prefixHead = '';
  /** Counts records written, to mark the wire names each one uses (`FieldInfo.slot`). */
  let stamp = 0;
  /** Fields of the record being written. */
  let fieldCount = 0;

  /** `bytes` as a DataView: a key is copied four bytes a store, not one. */
  let view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  function ensure(extra: number) {
    if (pos + extra <= bytes.length) return;
    const grown = new Uint8Array(Math.max(bytes.length * 2, pos + extra));
    grown.set(bytes.subarray(0, pos));
    bytes = written.bytes = grown;
    view = new DataView(grown.buffer);
  }

  /**
   * Writes a field's wire key. Keys are most of a record's bytes (`,"metadata_customertier":`),
   * and whole words through a DataView copy them about twice as fast as a byte loop.
   */
  function copyKey(key: Uint8Array, words: Int32Array) {
    const n = key.length;
    ensure(n);
    const v = view;
    const b = bytes;
    let p = pos;
    const count = words.length;
    for (let i = 0; i < count; i++) {
      v.setInt32(p, words[i]!, true);
      p += 4;
    }
    for (let i = count * 4; i < n; i++) b[p++] = key[i]!;
    pos = p;
  }

  /** The wire key `,"name":` of a field path, or null when the path needs the careful walk. */
  function wireKeyOf(field: FieldInfo, key: string): Uint8Array | null {
    let wireKey = field.wireKey;
    if (wireKey === undefined) {
      const takesCareful =
        field.sensitivity !== 'plain' ||
        field.name === '' ||
        RESERVED_NAMES.has(field.name) ||
        key === '__proto__' ||
        mayContainCardNumber(key);
      wireKey = takesCareful ? null : ascii(`,${JSON.stringify(field.name)}:`);
      field.wireKey = wireKey;
      if (wireKey !== null) field.wireKeyWords = wordsOf(wireKey);
    }
    return wireKey;
  }

  /** Writes `object`'s fields under `parent`; false when one needs the careful walk. */
  function writeFields(object: Record<string, unknown>, parent: FieldInfo, depth: number): boolean {
    parent.keyOrder ??= [];
    parent.fieldOrder ??= [];
    const { keyOrder, fieldOrder } = parent;
    let index = 0;
    for (const key in object) {
      const value = object[key];
      let field: FieldInfo;
      if (keyOrder[index] === key) field = fieldOrder[index]!;
      else {
        field = fields.child(parent, key);
        if (index < MAX_REMEMBERED_KEYS) {
          keyOrder[index] = key;
          fieldOrder[index] = field;
        }
      }
      index++;
      if (value === undefined || value === null) continue; // OpenObserve leaves nulls out
      const wireKey = wireKeyOf(field, key);
      if (wireKey === null) return false;
      if (typeof value !== 'object') {
        // A second field of one wire name (`a: { b }` and `a_b`): the walk keeps the later one
        // and reports the loss.
        const slot = field.slot;
        if (slot.stamp === stamp) return false;
        slot.stamp = stamp;
        if (++fieldCount > maxOwnFields) return false;
      }
      switch (typeof value) {
        case 'string': {
          const repeated = field.repeated;
          if (repeated !== undefined && repeated.value === value) {
            copyKey(repeated.bytes, repeated.words);
            break;
          }
          if (value.length > maxStringLength) return false;
          const start = pos;
          copyKey(wireKey, field.wireKeyWords!);
          if (!writeString(value)) return false;
          // Seen twice in a row: likely a level, a category, a currency. Ids and messages that
          // change every record never get here, so they cost one comparison and no copy.
          if (value === field.lastString && value.length <= MAX_REPEATED_LENGTH) {
            const bytesOfField = bytes.slice(start, pos);
            field.repeated = { value, bytes: bytesOfField, words: wordsOf(bytesOfField) };
          }
          field.lastString = value;
          break;
        }
        case 'number':
          if (!Number.isFinite(value)) return false;
          if ((value >= 1e12 || value <= -1e12) && maskCardNumberValue(value) !== undefined) return false;
          copyKey(wireKey, field.wireKeyWords!);
          writeNumber(value);
          break;
        case 'boolean':
          copyKey(wireKey, field.wireKeyWords!);
          writeAscii(value ? 'true' : 'false');
          break;
        case 'object': {
          // Deeper objects become JSON text, arrays too; Dates and other classes have their own
          // rules: all for the careful walk.
          if (depth + 1 >= flattenLevel || !isPlainObject(value)) return false;
          if (!writeFields(value as Record<string, unknown>, field, depth + 1)) return false;
          break;
        }
        default:
          return false;
      }
    }
    return true;
  }

  /** A JSON string, UTF-8 encoded; false when it holds card data the maskers would change. */
  function writeString(text: string): boolean {
    const n = text.length;
    ensure(n * 6 + 2);
    const b = bytes;
    let p = pos;
    // Digits are counted on the way: a card number needs 13, so most strings skip the masker's
    // check without a second pass over them (its bytes are not kept when the masker objects).
    let digits = 0;
    // Every name of a security code has a `c` (cvv, csc, security…): without one, no regex test.
    let hasC = false;
    b[p++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // The common case first: printable ASCII that JSON leaves as it is.
      if (c >= 0x20 && c < 0x80 && c !== QUOTE && c !== BACKSLASH) {
        b[p++] = c;
        if (c <= NINE && c >= ZERO) digits++;
        else if ((c | 0x20) === LOWER_C) hasC = true;
      } else if (c < 0x80) {
        b[p++] = BACKSLASH;
        const short = c === QUOTE || c === BACKSLASH ? c : ESCAPES[c];
        if (short !== undefined) b[p++] = short;
        else p = writeUnicodeEscape(b, p, c);
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          b[p++] = 0xf0 | (point >> 18);
          b[p++] = 0x80 | ((point >> 12) & 0x3f);
          b[p++] = 0x80 | ((point >> 6) & 0x3f);
          b[p++] = 0x80 | (point & 0x3f);
          i++;
        } else {
          // A lone surrogate (half an emoji): the careful walk replaces it, and notes it.
          return false;
        }
      } else {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      }
    }
    b[p++] = QUOTE;
    if (digits >= 13 && mayContainCardNumber(text) && maskCardNumbers(text) !== text) return false;
    if (hasC && digits >= 3 && maskCvvMentions(text) !== text) return false;
    pos = p;
    return true;
  }

  /** What JSON.stringify writes for a finite number, without making its string when it can. */
  function writeNumber(value: number) {
    ensure(MAX_NUMBER_BYTES);
    const p = writeShortDecimal(bytes, pos, value);
    if (p >= 0) pos = p;
    else writeAscii(String(value));
  }

  function writeAscii(text: string) {
    const n = text.length;
    ensure(n);
    const b = bytes;
    let p = pos;
    for (let i = 0; i < n; i++) b[p++] = text.charCodeAt(i);
    pos = p;
  }

  /**
   * Writes the whole record, `{"_timestamp":…,"event_time":…,"event_id":…,<common>,<fields>}`,
   * or returns `undefined` (taking no event id) when it needs the careful walk.
   */
  function write(
    record: object,
    timestampUs: number,
    eventTimeMs: number,
    nowMs: number,
  ): WrittenRecord | undefined {
    if (timestampUs !== headTimestampUs || eventTimeMs !== headEventTimeMs) {
      // Records of a burst share their millisecond: their header up to the id is made once.
      headTimestampUs = timestampUs;
      headEventTimeMs = eventTimeMs;
      head = `{"_timestamp":${timestampUs},"event_time":"${new Date(eventTimeMs).toISOString()}","event_id":"`;
    }
    // The fields go first, behind room for the header, so giving up costs no event id; the
    // header is written once they are known to be fine.
    const idAt = head.length;
    const fieldsStart = idAt + UUID_LENGTH + 1 + common.length;
    pos = 0;
    ensure(fieldsStart);
    pos = fieldsStart;
    stamp++;
    fieldCount = 0;
    if (!writeFields(record as Record<string, unknown>, fields.root(), 0)) return undefined;
    const end = pos;
    ensure(1);
    if (prefixIn !== bytes || prefixHead !== head) {
      // The header and common fields around the id stay in place from the last record while
      // neither the header nor the buffer changed: only the id is new.
      for (let i = 0; i < idAt; i++) bytes[i] = head.charCodeAt(i);
      bytes[idAt + UUID_LENGTH] = QUOTE;
      bytes.set(common, idAt + UUID_LENGTH + 1);
      prefixIn = bytes;
      prefixHead = head;
    }
    eventIds.writeNext(bytes, idAt, nowMs);
    bytes[end] = 0x7d; // }
    written.length = end + 1;
    return written;
  }

  return { write };
}

/** Powers of ten a short decimal's fraction is scaled by: 10⁰ … 10⁶. */
const POWERS_OF_TEN = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
/** Room {@link writeShortDecimal} may use: a sign, 16 digits, a point. */
const MAX_NUMBER_BYTES = 18;
/** Magnitudes below this have an ulp under 10⁻⁶, so at most one 6-decimal number reads back as them. */
const SHORT_DECIMAL_BELOW = 2 ** 31;

/**
 * Writes `value` as `String(value)` would spell it (the shortest decimal that reads back as
 * `value`) when that is an integer or has at most 6 decimals and a magnitude below 2³¹ — prices,
 * quantities, durations — and returns the position after it; -1 (nothing written) otherwise, or
 * for -0, which the caller leaves to `String`. Exact: the decimal `m / 10ᵏ`, with `m` the nearest
 * integer to `value × 10ᵏ` and `k` the fewest decimals for which dividing back gives `value`
 * again, is the one `String` picks: a division of two exact integers is rounded correctly, so
 * `m / 10ᵏ === value` means that decimal reads back as `value`, and below 2³¹ no other decimal of
 * `k` or fewer places does (`write-record-bytes.test.ts` compares both over a corpus).
 */
export function writeShortDecimal(b: Uint8Array, at: number, value: number): number {
  let p = at;
  let magnitude = value;
  if (value < 0) {
    magnitude = -value;
  } else if (value === 0) {
    if (1 / value < 0) return -1; // -0: JSON writes 0, but keep that rule in one place (String)
  }
  if (Number.isSafeInteger(magnitude)) {
    if (value < 0) b[p++] = MINUS;
    return writeDigits(b, p, magnitude, 0);
  }
  if (!(magnitude < SHORT_DECIMAL_BELOW) || magnitude < 1e-6) return -1;
  for (let k = 1; k < POWERS_OF_TEN.length; k++) {
    const scale = POWERS_OF_TEN[k]!;
    const scaled = Math.round(magnitude * scale);
    if (scaled / scale === magnitude) {
      if (value < 0) b[p++] = MINUS;
      return writeDigits(b, p, scaled, k);
    }
  }
  return -1;
}

/** Decimal digits of the safe integer `scaled` ≥ 0, with a point before its last `decimals`. */
function writeDigits(b: Uint8Array, at: number, scaled: number, decimals: number): number {
  let digits = 1;
  for (let rest = scaled; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  // `0.05`: the integer part is 0 and the fraction keeps its leading zeros.
  if (digits <= decimals) digits = decimals + 1;
  const length = decimals > 0 ? digits + 1 : digits;
  let rest = scaled;
  let p = at + length - 1;
  for (let i = 0; i < decimals; i++) {
    b[p--] = ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  if (decimals > 0) b[p--] = POINT;
  for (; p >= at; p--) {
    b[p] = ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + length;
}

/** The whole 4-byte groups of `bytes`, each read little-endian (as `copyKey` writes them). */
function wordsOf(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words = new Int32Array(bytes.length >> 2);
  for (let i = 0; i < words.length; i++) words[i] = view.getInt32(i * 4, true);
  return words;
}

function writeUnicodeEscape(b: Uint8Array, at: number, code: number): number {
  let p = at;
  b[p++] = 0x75; // u
  b[p++] = HEX[(code >> 12) & 15]!;
  b[p++] = HEX[(code >> 8) & 15]!;
  b[p++] = HEX[(code >> 4) & 15]!;
  b[p++] = HEX[code & 15]!;
  return p;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && !Array.isArray(value);
}
