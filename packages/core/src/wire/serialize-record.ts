import { maskCardNumbers, maskCardNumberValue, mayContainCardNumber } from './mask-card-numbers.js';
import { createFieldJudge, REDACTED } from './mask-sensitive-data.js';
import { createFieldNameCache } from './normalize-field-name.js';
import { type RepairNote, safeJsonStringify } from './safe-json.js';
import {
  clampToIngestWindow,
  type IngestWindow,
  numberToMicroseconds,
  readTimestampString,
} from './timestamp.js';

/** Settings of {@link createRecordSerializer}. */
export interface RecordSerializerOptions {
  /** Objects nested deeper than this become JSON strings, as OpenObserve does. @default 3 */
  flattenLevel: number;
  /** Longer strings are cut to this many characters (and noted). @default 65536 */
  maxStringLength: number;
  /** Fields written into every record before the record's own (`service`, `sdk`). */
  commonFields: Record<string, string | number | boolean>;
  /** The server's accepted `_timestamp` window. */
  ingestWindow: IngestWindow;
  newEventId: () => string;
}

/** One record as the wire wants it, or why it cannot be sent. */
export type SerializedRecord =
  | { ok: true; json: string; eventId: string; notes: RepairNote[] | undefined }
  | { ok: false; problem: string };

const EMPTY_NOTES: RepairNote[] = [];
const WIRE_READY_KEY = /^[a-z0-9_]+$/;
const RESERVED_KEYS = new Set(['_timestamp', 'event_time', 'event_id', '__proto__']);

/**
 * The one place where a record becomes OpenObserve's wire shape (`wire-format.md`): keys
 * normalised as the server does, secrets and card numbers masked (`mask-sensitive-data.ts`), nested objects flattened with `_` to the server's level, arrays
 * and deeper objects as JSON strings, nulls left out, plus `_timestamp` (µs, clamped into the
 * window), `event_time` (the true time) and `event_id` (kept if the record has one, so a relayed
 * browser event keeps its id). Builds the JSON text directly: one pass, no intermediate object,
 * and a `__proto__` key can never reach an object prototype.
 */
export function createRecordSerializer(options: RecordSerializerOptions) {
  // A key can itself be a card number (`{"4111 1111 1111 1111": …}`): keys are masked as written,
  // before normalising turns their separators into `_`.
  const fieldName = createFieldNameCache(4096, maskCardNumbers);
  const judge = createFieldJudge(4096);
  const common = Object.entries(options.commonFields)
    .map(([key, value]) => {
      const name = fieldName(key);
      const safe =
        judge(name, key) !== 'plain'
          ? REDACTED
          : typeof value === 'string'
            ? maskCardNumbers(value)
            : typeof value === 'number'
              ? (maskCardNumberValue(value) ?? value)
              : value;
      return `,"${name}":${JSON.stringify(safe)}`;
    })
    .join('');
  let lastIsoMs = Number.NaN;
  let lastIso = '';

  const isoOf = (ms: number) => {
    // Records of a burst share their millisecond; formatting a Date is the costly part.
    if (ms !== lastIsoMs) {
      lastIsoMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    return lastIso;
  };

  /**
   * Most records are already flat with wire-ready keys and plain values. For those, the native
   * `JSON.stringify` of the record itself is the body: checking that is far cheaper than building
   * the text field by field. Anything else takes the careful walk below.
   */
  const readyKeys = new Set<string>();
  function isWireReady(record: object): boolean {
    const source = record as Record<string, unknown>;
    for (const key in source) {
      const value = source[key];
      switch (typeof value) {
        case 'string':
          if (value.length > options.maxStringLength) return false;
          // A long digit run (an order id, an epoch time) is fine as long as it is not a card.
          if (mayContainCardNumber(value) && maskCardNumbers(value) !== value) return false;
          break;
        case 'number':
          if (
            !Number.isFinite(value) ||
            ((value >= 1e12 || value <= -1e12) && maskCardNumberValue(value) !== undefined)
          )
            return false;
          break;
        case 'boolean':
          break;
        default:
          return false;
      }
      if (!readyKeys.has(key)) {
        if (mayContainCardNumber(key)) return false;
        if (!WIRE_READY_KEY.test(key) || RESERVED_KEYS.has(key) || judge(key, key) !== 'plain') return false;
        // Keys repeat across records: remember good ones (bounded, like the field-name memo).
        if (readyKeys.size >= 4096) readyKeys.clear();
        readyKeys.add(key);
      }
    }
    // for-in also sees inherited enumerable keys, which JSON.stringify would skip: take the walk.
    return Object.getPrototypeOf(record) === Object.prototype || Object.getPrototypeOf(record) === null;
  }

  return function serializeRecord(record: object, enqueuedAtMs: number, nowMs: number): SerializedRecord {
    try {
      return serializeUnguarded(record, enqueuedAtMs, nowMs);
    } catch (error) {
      // A getter, a Proxy trap or toJSON threw while the record was read.
      return { ok: false, problem: `record could not be read: ${String(error)}` };
    }
  };

  function serializeUnguarded(record: object, enqueuedAtMs: number, nowMs: number): SerializedRecord {
    if (isWireReady(record)) {
      const eventId = options.newEventId();
      const timestampUs = enqueuedAtMs * 1000;
      const clamped = clampToIngestWindow(timestampUs, nowMs, options.ingestWindow);
      const body = JSON.stringify(record);
      const json = `{"_timestamp":${clamped},"event_time":"${isoOf(enqueuedAtMs)}","event_id":"${eventId}"${common}${body.length > 2 ? `,${body.slice(1)}` : '}'}`;
      return { ok: true, json, eventId, notes: undefined };
    }
    const state: WalkState = {
      out: '',
      notes: EMPTY_NOTES,
      timestampUs: undefined,
      eventTime: undefined,
      eventId: undefined,
    };
    walkObject(record, '', '', 0, state, [record], false);
    const timestampUs = state.timestampUs ?? enqueuedAtMs * 1000;
    const eventTime = state.eventTime ?? isoOf(Math.floor(timestampUs / 1000));
    const eventId = state.eventId ?? options.newEventId();
    const clamped = clampToIngestWindow(timestampUs, nowMs, options.ingestWindow);
    const json = `{"_timestamp":${clamped},"event_time":${JSON.stringify(eventTime)},"event_id":${JSON.stringify(eventId)}${common}${state.out}}`;
    return { ok: true, json, eventId, notes: state.notes === EMPTY_NOTES ? undefined : state.notes };
  }

  interface WalkState {
    out: string;
    notes: RepairNote[];
    timestampUs: number | undefined;
    eventTime: string | undefined;
    eventId: string | undefined;
  }

  function note(state: WalkState, path: string, problem: string) {
    if (state.notes === EMPTY_NOTES) state.notes = [];
    state.notes.push({ path, problem });
  }

  /**
   * Writes the fields of `object`, whose dotted source path is `pathPrefix` and whose wire name is
   * `namePrefix` ('' at the top). `hidden`: an ancestor's name hides every value inside.
   */
  function walkObject(
    object: object,
    pathPrefix: string,
    namePrefix: string,
    depth: number,
    state: WalkState,
    ancestors: object[],
    hidden: boolean,
  ) {
    const source = object as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const path = pathPrefix === '' ? key : `${pathPrefix}.${key}`;
      if (key === '__proto__') {
        note(state, path, 'key "__proto__" dropped');
        continue;
      }
      const name = namePrefix === '' ? fieldName(key) : `${namePrefix}_${fieldName(key)}`;
      if (name === '') continue;
      writeField(name, source[key], path, depth, state, ancestors, key, hidden);
    }
  }

  function writeField(
    name: string,
    given: unknown,
    path: string,
    depth: number,
    state: WalkState,
    ancestors: object[],
    rawKey: string,
    hidden: boolean,
  ) {
    if (depth === 0 && takeReservedField(name, given, state, path)) return;
    let value = given;
    if (hasToJson(value)) {
      // Decimal amounts, ObjectIds, URLs, Luxon dates: write what JSON.stringify would.
      try {
        value = value.toJSON();
      } catch (error) {
        note(state, path, `toJSON() threw (${String(error)}); field left out`);
        return;
      }
    }
    if (value === null || value === undefined) return;
    // A sensitive name hides its value. An object under a secret name (`token: { value }`) is
    // walked with every value inside hidden; one under `card` is walked so that its own fields
    // are judged by their full names (`card_number` hidden, `card_brand` kept).
    const sensitivity = hidden ? 'secret' : judge(name, rawKey);
    if (sensitivity !== 'plain' && !isWalkable(value)) {
      state.out += `,"${name}":"${REDACTED}"`;
      return;
    }
    let text: string;
    switch (typeof value) {
      case 'string': {
        // Masked before any cut, so a card number across the cut cannot leave its first digits.
        let s = maskCardNumbers(value, options.maxStringLength);
        if (s.length > options.maxStringLength) {
          note(state, path, `string of ${value.length} characters cut to ${options.maxStringLength}`);
          s = cutAt(s, options.maxStringLength);
        }
        text = JSON.stringify(s);
        break;
      }
      case 'number':
        if (!Number.isFinite(value)) {
          note(state, path, `${String(value)} is not a JSON number; field left out`);
          return;
        }
        text =
          value >= 1e12 || value <= -1e12
            ? JSON.stringify(maskCardNumberValue(value) ?? value)
            : String(value);
        break;
      case 'boolean':
        text = value ? 'true' : 'false';
        break;
      case 'bigint':
        note(state, path, 'BigInt written as a decimal string');
        text = `"${maskCardNumberValue(value) ?? value.toString()}"`;
        break;
      case 'function':
      case 'symbol':
        note(state, path, `${typeof value} cannot be sent; field left out`);
        return;
      default: {
        const inside = sensitivity === 'secret';
        const objectText = writeObjectField(value as object, name, path, depth, state, ancestors, inside);
        if (objectText === undefined) return;
        text = objectText;
      }
    }
    // A repeated name (a flattened `a_b` meeting a literal `a_b`, or a record field named like a
    // common field) is written again: JSON readers keep the last, as OpenObserve's flattening does.
    state.out += `,"${name}":${text}`;
  }

  function writeObjectField(
    value: object,
    name: string,
    path: string,
    depth: number,
    state: WalkState,
    ancestors: object[],
    hidden: boolean,
  ): string | undefined {
    if (value instanceof Date) {
      const ms = value.getTime();
      if (Number.isNaN(ms)) {
        note(state, path, 'invalid Date left out');
        return undefined;
      }
      return JSON.stringify(value.toISOString());
    }
    if (value instanceof Error) {
      // Errors keep their fields on the prototype or as non-enumerable own properties.
      if (ancestors.includes(value)) return '"[Circular]"';
      ancestors.push(value);
      const fields = { name: value.name, message: value.message, stack: value.stack };
      walkObject(fields, path, name, depth + 1, state, ancestors, hidden);
      ancestors.pop();
      return undefined;
    }
    // OpenObserve leaves empty arrays and objects out at any depth.
    if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) return undefined;
    if (Array.isArray(value) || depth + 1 >= options.flattenLevel) {
      const notes: RepairNote[] = [];
      // Card numbers are masked and secrets hidden inside, before the text can be cut.
      const json = safeJsonStringify(value, path, notes, { name, hidden, fieldName, judge });
      for (const n of notes) note(state, n.path, n.problem);
      return JSON.stringify(json.length > options.maxStringLength ? cut(json, path, state) : json);
    }
    if (ancestors.includes(value)) {
      note(state, path, 'circular reference replaced by "[Circular]"');
      return '"[Circular]"';
    }
    ancestors.push(value);
    walkObject(value, path, name, depth + 1, state, ancestors, hidden);
    ancestors.pop();
    return undefined; // fields were written by the walk
  }

  function cut(json: string, path: string, state: WalkState) {
    note(state, path, `JSON of ${json.length} characters cut to ${options.maxStringLength}`);
    return cutAt(json, options.maxStringLength);
  }

  /** `_timestamp`, `event_time`, `event_id` from the record itself win over generated ones. */
  function takeReservedField(name: string, value: unknown, state: WalkState, path: string): boolean {
    if (name === '_timestamp') {
      if (value === undefined || value === null) return true;
      const reading = readTimestamp(value);
      if (reading.ok) state.timestampUs = reading.us;
      else note(state, path, `unreadable _timestamp (${reading.reason}); the send time is used`);
      return true;
    }
    if (name === 'event_time') {
      // Always one string column in UTC: a Date, an epoch number or a zoned string becomes
      // ISO 8601 with `Z`.
      if (value === undefined || value === null || value === '') return true;
      const reading = readTimestamp(value);
      if (reading.ok) state.eventTime = isoOfMicros(reading.us);
      else note(state, path, `unreadable event_time (${reading.reason}) left out; the record's time is used`);
      return true;
    }
    if (name === 'event_id') {
      const id = typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
      if (typeof id === 'string' && id !== '' && id.length <= 128) state.eventId = maskCardNumbers(id);
      else if (value !== undefined && value !== null)
        note(state, path, 'event_id must be a short string; a new one was made');
      return true;
    }
    return false;
  }
}

// The latest time a JavaScript Date can hold, in µs: anything later cannot be an event time.
const MAX_TIMESTAMP_US = 8.64e18;

type Reading = { ok: true; us: number } | { ok: false; reason: string };

function readTimestamp(value: unknown): Reading {
  let reading: Reading;
  if (typeof value === 'number')
    reading = Number.isFinite(value)
      ? { ok: true, us: numberToMicroseconds(value) }
      : { ok: false, reason: `${String(value)} is not a time` };
  else if (typeof value === 'string') reading = readTimestampString(value);
  else if (value instanceof Date)
    reading = Number.isNaN(value.getTime())
      ? { ok: false, reason: 'invalid Date' }
      : { ok: true, us: value.getTime() * 1000 };
  else reading = { ok: false, reason: `a ${typeof value} is not a time` };
  if (!reading.ok) return reading;
  if (reading.us <= 0) return { ok: false, reason: 'not after 1970-01-01' };
  if (reading.us > MAX_TIMESTAMP_US) return { ok: false, reason: 'later than a Date can hold' };
  return reading;
}

/** ISO 8601 in UTC, with microseconds when the time has them (`…T16:00:00.123456Z`). */
function isoOfMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  const extra = us - ms * 1000;
  return extra === 0 ? iso : `${iso.slice(0, -1)}${String(extra).padStart(3, '0')}Z`;
}

function isWalkable(value: unknown): boolean {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

/** Cuts to `length` UTF-16 units without leaving half a surrogate pair (invalid for JSON readers). */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
