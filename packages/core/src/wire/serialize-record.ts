import {
  isSensitiveFieldName,
  maskCardNumbers,
  maskCardNumberValue,
  mayContainCardNumber,
  REDACTED,
} from './mask-sensitive-data.js';
import { createFieldNameCache, normalizeFieldName } from './normalize-field-name.js';
import { type RepairNote, safeJsonStringify } from './safe-json.js';
import { clampToIngestWindow, type IngestWindow, parseTimestampString, toMicroseconds } from './timestamp.js';

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
  // A key can itself be a card number (`{"4111…": …}`): keys are masked like values.
  const fieldName = createFieldNameCache(4096, maskCardNumbers);
  const common = Object.entries(options.commonFields)
    .map(([key, value]) => {
      const name = fieldName(key);
      const safe = isSensitiveFieldName(name, key)
        ? REDACTED
        : typeof value === 'string'
          ? maskCardNumbers(value)
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
  const sensitiveNames = new Map<string, boolean>();
  const sensitiveName = (name: string, rawKey: string) => {
    const cacheKey = name === rawKey ? name : `${name}\u0000${rawKey}`;
    let answer = sensitiveNames.get(cacheKey);
    if (answer === undefined) {
      answer = isSensitiveFieldName(name, rawKey);
      if (sensitiveNames.size >= 4096) sensitiveNames.clear();
      sensitiveNames.set(cacheKey, answer);
    }
    return answer;
  };
  function isWireReady(record: object): boolean {
    const source = record as Record<string, unknown>;
    for (const key in source) {
      const value = source[key];
      switch (typeof value) {
        case 'string':
          if (value.length > options.maxStringLength || mayContainCardNumber(value)) return false;
          break;
        case 'number':
          if (!Number.isFinite(value) || (value >= 1e12 && maskCardNumberValue(value) !== undefined))
            return false;
          break;
        case 'boolean':
          break;
        default:
          return false;
      }
      if (!readyKeys.has(key)) {
        if (mayContainCardNumber(key)) return false;
        if (!WIRE_READY_KEY.test(key) || RESERVED_KEYS.has(key) || isSensitiveFieldName(key)) return false;
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
    walkObject(record, '', 0, state, [record]);
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

  function walkObject(object: object, prefix: string, depth: number, state: WalkState, ancestors: object[]) {
    const source = object as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (key === '__proto__') {
        note(state, path, 'key "__proto__" dropped');
        continue;
      }
      const name = prefix === '' ? fieldName(key) : `${fieldNamePrefix(prefix)}_${fieldName(key)}`;
      if (name === '') continue;
      writeField(name, source[key], path, depth, state, ancestors, key);
    }
  }

  // Prefixes are dotted source paths; their wire form is the normalised parts joined with `_`.
  function fieldNamePrefix(prefix: string) {
    return prefix.split('.').map(fieldName).join('_');
  }

  function writeField(
    name: string,
    given: unknown,
    path: string,
    depth: number,
    state: WalkState,
    ancestors: object[],
    rawKey: string,
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
    // A sensitive name hides its value; an object under it (`card: {…}`) is walked, so its own
    // fields are judged by their full names (`card_number`, `card_brand`).
    if (value !== null && value !== undefined && sensitiveName(name, rawKey) && !isWalkable(value)) {
      state.out += `,"${name}":"${REDACTED}"`;
      return;
    }
    let text: string;
    switch (typeof value) {
      case 'string': {
        let s = value;
        if (s.length > options.maxStringLength) {
          note(state, path, `string of ${s.length} characters cut to ${options.maxStringLength}`);
          s = cutAt(s, options.maxStringLength);
        }
        text = JSON.stringify(maskCardNumbers(s));
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
      case 'undefined':
        return;
      case 'function':
      case 'symbol':
        note(state, path, `${typeof value} cannot be sent; field left out`);
        return;
      default: {
        if (value === null) return;
        const objectText = writeObjectField(value as object, path, depth, state, ancestors);
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
    path: string,
    depth: number,
    state: WalkState,
    ancestors: object[],
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
      walkObject(fields, path, depth + 1, state, ancestors);
      ancestors.pop();
      return undefined;
    }
    // OpenObserve leaves empty arrays and objects out at any depth.
    if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) return undefined;
    if (Array.isArray(value) || depth + 1 >= options.flattenLevel) {
      const notes: RepairNote[] = [];
      const json = safeJsonStringify(value, path, notes, isSensitiveKey);
      for (const n of notes) note(state, n.path, n.problem);
      return JSON.stringify(
        maskCardNumbers(json.length > options.maxStringLength ? cut(json, path, state) : json),
      );
    }
    if (ancestors.includes(value)) {
      note(state, path, 'circular reference replaced by "[Circular]"');
      return '"[Circular]"';
    }
    ancestors.push(value);
    walkObject(value, path, depth + 1, state, ancestors);
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
      const us = readTimestamp(value);
      if (us === undefined) note(state, path, 'unreadable _timestamp; the send time is used');
      else state.timestampUs = us;
      return true;
    }
    if (name === 'event_time') {
      // Always one string column: a Date or an epoch number becomes ISO 8601.
      const us = typeof value === 'string' ? undefined : readTimestamp(value);
      if (typeof value === 'string' && value !== '') state.eventTime = maskCardNumbers(value);
      else if (us !== undefined) state.eventTime = new Date(Math.floor(us / 1000)).toISOString();
      else if (value !== undefined && value !== null) note(state, path, 'unreadable event_time left out');
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

function readTimestamp(value: unknown): number | undefined {
  let us: number | undefined;
  if (typeof value === 'number') us = Number.isFinite(value) && value > 0 ? toMicroseconds(value) : undefined;
  else if (typeof value === 'string') us = parseTimestampString(value);
  else if (value instanceof Date) us = Number.isNaN(value.getTime()) ? undefined : value.getTime() * 1000;
  return us !== undefined && us > 0 && us <= MAX_TIMESTAMP_US ? us : undefined;
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

const sensitiveKeys = new Map<string, boolean>();

/** For values kept as JSON text (arrays, deep objects): hide secrets by their key there too. */
function isSensitiveKey(key: string): boolean {
  let answer = sensitiveKeys.get(key);
  if (answer === undefined) {
    answer = isSensitiveFieldName(normalizeFieldName(key), key);
    if (sensitiveKeys.size >= 4096) sensitiveKeys.clear();
    sensitiveKeys.set(key, answer);
  }
  return answer;
}

/** Cuts to `length` UTF-16 units without leaving half a surrogate pair (invalid for JSON readers). */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
