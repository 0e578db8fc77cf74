import { createFieldTable, type FieldInfo } from './create-field-table.js';
import { collectionAsJson, errorFieldsOf } from './json-invisible.js';
import { maskCardData } from './mask-card-data.js';
import { maskCardNumbers, maskCardNumberValue } from './mask-card-numbers.js';
import { REDACTED } from './mask-sensitive-data.js';
import { isoOfMicros, readRecordTime } from './read-record-time.js';
import { type RepairNote, safeJsonStringify } from './safe-json.js';
import { clampToIngestWindow, type IngestWindow } from './timestamp.js';
import type { UuidV7Source } from './uuid-v7.js';
import { createRecordByteWriter } from './write-record-bytes.js';

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
  /** Where `event_id`s come from. */
  eventIds: UuidV7Source;
  /** Wire fields a record may have in all (OpenObserve's `ZO_COLS_PER_RECORD_LIMIT`). @default 1000 */
  maxFields?: number;
}

/**
 * One record as the wire wants it, or why it cannot be sent. The fast path gives UTF-8 bytes
 * (`bytes[0 … length)`, valid until the next call); the careful walk gives JSON text.
 */
export type SerializedRecord =
  | { ok: true; bytes: Uint8Array; length: number; json?: undefined; eventId?: undefined; notes?: undefined }
  | { ok: true; json: string; eventId: string; notes: RepairNote[] | undefined; bytes?: undefined }
  | { ok: false; problem: string };

const EMPTY_NOTES: RepairNote[] = [];

/**
 * The one place where a record becomes OpenObserve's wire shape (`wire-format.md`): keys
 * normalised as the server does, secrets hidden and card numbers masked (`mask-sensitive-data.ts`,
 * `mask-card-numbers.ts`), nested objects flattened with `_` to the server's level, arrays and
 * deeper objects as JSON strings, nulls left out, plus `_timestamp` (µs, clamped into the
 * window), `event_time` (the true time) and `event_id` (kept if the record has one, so a relayed
 * browser event keeps its id). Builds the JSON text directly: one pass, no intermediate object,
 * and a `__proto__` key can never reach an object prototype.
 */
export function createRecordSerializer(options: RecordSerializerOptions) {
  const fields = createFieldTable(4096);
  const common = Object.entries(options.commonFields)
    .map(([key, value]) => {
      const field = fields.child(fields.root(), key);
      const safe =
        field.sensitivity !== 'plain'
          ? REDACTED
          : typeof value === 'string'
            ? maskCardData(value)
            : typeof value === 'number'
              ? (maskCardNumberValue(value) ?? value)
              : value;
      return `,${JSON.stringify(field.name)}:${JSON.stringify(safe)}`;
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

  // Most records are plain objects of strings, numbers and booleans under plain names: those
  // are written straight into bytes; anything else takes the careful walk below.
  const maxFields = options.maxFields ?? 1000;
  const commonNames = new Set(
    Object.keys(options.commonFields).map((key) => fields.child(fields.root(), key).name),
  );
  // `_timestamp`, `event_time`, `event_id` and the common fields are in every record.
  const maxOwnFields = maxFields - 3 - commonNames.size;
  const bytesWriter = createRecordByteWriter({
    fields,
    maxStringLength: options.maxStringLength,
    flattenLevel: options.flattenLevel,
    eventIds: options.eventIds,
    commonFields: common,
    maxOwnFields,
  });
  const fast: Extract<SerializedRecord, { length: number }> = {
    ok: true,
    bytes: new Uint8Array(0),
    length: 0,
  };

  return function serializeRecord(record: object, enqueuedAtMs: number, nowMs: number): SerializedRecord {
    try {
      return serializeUnguarded(record, enqueuedAtMs, nowMs);
    } catch (error) {
      // A getter, a Proxy trap or toJSON threw while the record was read.
      return { ok: false, problem: `record could not be read: ${String(error)}` };
    }
  };

  function serializeUnguarded(record: object, enqueuedAtMs: number, nowMs: number): SerializedRecord {
    const prototype = Object.getPrototypeOf(record);
    // for-in also sees inherited enumerable keys, which JSON.stringify would skip: class
    // instances take the walk.
    if (prototype === Object.prototype || prototype === null) {
      const clamped = clampToIngestWindow(enqueuedAtMs * 1000, nowMs, options.ingestWindow);
      const written = bytesWriter.write(record, clamped, enqueuedAtMs, nowMs);
      if (written !== undefined) {
        fast.bytes = written.bytes;
        fast.length = written.length;
        return fast;
      }
    }
    const state: WalkState = {
      fields: {},
      notes: EMPTY_NOTES,
      timestampUs: undefined,
      eventTime: undefined,
      eventId: undefined,
    };
    walkObject(record, fields.root(), '', 0, state, [record], false);
    let ownFields = 0;
    for (const name in state.fields) if (!commonNames.has(name)) ownFields++;
    if (ownFields > maxOwnFields) {
      // OpenObserve would discard this record's whole batch (ZO_COLS_PER_RECORD_LIMIT).
      return {
        ok: false,
        problem: `record has ${ownFields + maxFields - maxOwnFields} fields once flattened, more than the ${maxFields} OpenObserve accepts (ZO_COLS_PER_RECORD_LIMIT; it would discard the whole batch): send large maps as JSON text, or set maxFieldsPerRecord to the server's limit`,
      };
    }
    const timestampUs = state.timestampUs ?? enqueuedAtMs * 1000;
    // The record's own time keeps its microseconds; the send time has none to keep.
    const eventTime =
      state.eventTime ??
      (state.timestampUs === undefined
        ? isoOf(Math.floor(timestampUs / 1000))
        : isoOfMicros(Math.floor(timestampUs)));
    const eventId = state.eventId ?? options.eventIds.next();
    const clamped = clampToIngestWindow(timestampUs, nowMs, options.ingestWindow);
    // One native JSON.stringify of the flat wire record is far cheaper than quoting field by field.
    const body = JSON.stringify(state.fields);
    const json = `{"_timestamp":${clamped},"event_time":${JSON.stringify(eventTime)},"event_id":${JSON.stringify(eventId)}${common}${body.length > 2 ? `,${body.slice(1)}` : '}'}`;
    return { ok: true, json, eventId, notes: state.notes === EMPTY_NOTES ? undefined : state.notes };
  }

  interface WalkState {
    /** The record as written: wire names to strings, numbers and booleans. */
    fields: Record<string, string | number | boolean>;
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
   * Writes the fields of `object`, found at `parent` in the field table and at the dotted source
   * path `pathPrefix` ('' for the record itself). `hidden`: an ancestor's name hides every value
   * inside.
   */
  function walkObject(
    object: object,
    parent: FieldInfo,
    pathPrefix: string,
    depth: number,
    state: WalkState,
    ancestors: object[],
    hidden: boolean,
  ) {
    const source = object as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      if (key === '__proto__') {
        note(state, pathOf(pathPrefix, key), 'key "__proto__" dropped');
        continue;
      }
      const field = fields.child(parent, key);
      if (field.name === '') continue;
      writeField(field, source[key], pathPrefix, key, depth, state, ancestors, hidden);
    }
  }

  function writeField(
    field: FieldInfo,
    given: unknown,
    pathPrefix: string,
    key: string,
    depth: number,
    state: WalkState,
    ancestors: object[],
    hidden: boolean,
  ) {
    if (depth === 0 && takeReservedField(field.name, given, state, key)) return;
    let value = given;
    if (hasToJson(value)) {
      // Decimal amounts, ObjectIds, URLs, Luxon dates: write what JSON.stringify would.
      try {
        value = value.toJSON();
      } catch (error) {
        note(state, pathOf(pathPrefix, key), `toJSON() threw (${String(error)}); field left out`);
        return;
      }
    }
    if (value === null || value === undefined) return;
    // A sensitive name hides its value. An object under a secret name (`token: { value }`) is
    // walked with every value inside hidden; one under `card` is walked so that its own fields
    // are judged by their full names (`card_number` hidden, `card_brand` kept).
    const sensitivity = hidden ? 'secret' : field.sensitivity;
    if (sensitivity !== 'plain' && !isWalkable(value)) {
      put(state, field.name, REDACTED, pathPrefix, key);
      return;
    }
    let written: string | number | boolean;
    switch (typeof value) {
      case 'string':
        written = maskAndCut(value, pathPrefix, key, state);
        break;
      case 'number':
        if (!Number.isFinite(value)) {
          note(state, pathOf(pathPrefix, key), `${String(value)} is not a JSON number; field left out`);
          return;
        }
        written = value >= 1e12 || value <= -1e12 ? (maskCardNumberValue(value) ?? value) : value;
        break;
      case 'boolean':
        written = value;
        break;
      case 'bigint':
        note(state, pathOf(pathPrefix, key), 'BigInt written as a decimal string');
        written = maskCardNumberValue(value) ?? value.toString();
        break;
      case 'function':
      case 'symbol':
        note(state, pathOf(pathPrefix, key), `${typeof value} cannot be sent; field left out`);
        return;
      default: {
        const path = pathOf(pathPrefix, key);
        const inside = sensitivity === 'secret';
        const objectValue = writeObjectField(value as object, field, path, depth, state, ancestors, inside);
        if (objectValue === undefined) return;
        written = objectValue;
      }
    }
    put(state, field.name, written, pathPrefix, key);
  }

  /**
   * A repeated name (a flattened `a_b` meeting a literal `a_b`) keeps the last value, as
   * OpenObserve's flattening does; a record field named like a common field is written after it,
   * and JSON readers keep the last.
   */
  function put(
    state: WalkState,
    name: string,
    value: string | number | boolean,
    pathPrefix: string,
    key: string,
  ) {
    if (Object.hasOwn(state.fields, name)) {
      note(
        state,
        name,
        `${pathOf(pathPrefix, key)} has the same field name '${name}' as an earlier field once flattened and normalised; the earlier value dropped, as OpenObserve does`,
      );
    }
    if (name === '__proto__') {
      // `__PROTO__` normalises to `__proto__`: a plain assignment would set the prototype.
      Object.defineProperty(state.fields, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else state.fields[name] = value;
  }

  /** Card data masked in the whole string first, so a cut cannot leave part of a card number. */
  function maskAndCut(value: string, pathPrefix: string, key: string, state: WalkState): string {
    let masked = maskCardData(value, options.maxStringLength);
    if (!masked.isWellFormed()) {
      // Half an emoji (a name cut by the app): JSON.stringify writes it as `\ud83d`, and
      // OpenObserve's reader (serde_json) refuses that escape, and with it the whole request.
      masked = masked.toWellFormed();
      note(state, pathOf(pathPrefix, key), 'lone UTF-16 surrogate replaced by U+FFFD');
    }
    if (masked.length <= options.maxStringLength) return masked;
    note(
      state,
      pathOf(pathPrefix, key),
      `string of ${value.length} characters cut to ${options.maxStringLength}`,
    );
    return cutAt(masked, options.maxStringLength);
  }

  function writeObjectField(
    value: object,
    field: FieldInfo,
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
      return value.toISOString();
    }
    if (value instanceof Error) {
      // Errors keep their fields on the prototype or as non-enumerable own properties.
      if (ancestors.includes(value)) return '[Circular]';
      ancestors.push(value);
      const errorFields = errorFieldsOf(value);
      walkObject(errorFields, field, path, depth + 1, state, ancestors, hidden);
      ancestors.pop();
      return undefined;
    }
    // A Map or a Set has no keys of its own: JSON (and the walk) saw `{}` and left it out unnoted.
    if (value instanceof Map || value instanceof Set)
      return writeObjectField(collectionAsJson(value), field, path, depth, state, ancestors, hidden);
    // OpenObserve leaves empty arrays and objects out at any depth.
    if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) return undefined;
    if (Array.isArray(value) || depth + 1 >= options.flattenLevel) {
      const notes: RepairNote[] = [];
      // Card numbers are masked and secrets hidden inside, before the text can be cut.
      const rules = { name: field.name, hidden, fieldName: fields.keyName, judge: fields.judge };
      const json = safeJsonStringify(value, path, notes, rules);
      for (const n of notes) note(state, n.path, n.problem);
      return json.length > options.maxStringLength ? cut(json, path, state) : json;
    }
    if (ancestors.includes(value)) {
      note(state, path, 'circular reference replaced by "[Circular]"');
      return '[Circular]';
    }
    ancestors.push(value);
    walkObject(value, field, path, depth + 1, state, ancestors, hidden);
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
      const reading = readRecordTime(value);
      if (reading.ok) state.timestampUs = reading.us;
      else note(state, path, `unreadable _timestamp (${reading.reason}); the send time is used`);
      return true;
    }
    if (name === 'event_time') {
      // Always one string column in UTC: a Date, an epoch number or a zoned string becomes
      // ISO 8601 with `Z`.
      if (value === undefined || value === null || value === '') return true;
      const reading = readRecordTime(value);
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

/** The dotted source path of a field, for repair notes (built only when one is written). */
function pathOf(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
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

declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

/** A serialized record's JSON text, whichever path wrote it (for tests and reports). */
export function serializedText(result: Extract<SerializedRecord, { ok: true }>): string {
  return result.json ?? new TextDecoder().decode(result.bytes.subarray(0, result.length));
}
