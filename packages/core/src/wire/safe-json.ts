import { holdsJsonInvisible, isJsonInvisible, jsonVisible } from './json-invisible.js';
import { maskCardData } from './mask-card-data.js';
import { maskCardNumbers, maskCardNumberValue, mayContainCardNumber } from './mask-card-numbers.js';
import { type FieldSensitivity, REDACTED } from './mask-sensitive-data.js';

/** Where a value could not be written as-is, and what was done instead. */
export interface RepairNote {
  path: string;
  problem: string;
}

/** Nesting deeper than this inside one field is cut, so hostile input cannot exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * How the keys inside a value kept as JSON text (an array, an object deeper than the flatten
 * level) are judged, the way the serializer judges flattened fields.
 */
export interface JsonFieldRules {
  /** Wire name of the field that holds the JSON text; inner keys are judged as `name_key`. */
  name: string;
  /** True when an ancestor's name already hides everything inside. */
  hidden: boolean;
  /** The wire form of one key (`userId` → `userid`). */
  fieldName: (key: string) => string;
  /** See `judgeFieldName`. */
  judge: (name: string, rawKey: string) => FieldSensitivity;
}

/** Where one value sits: its wire name and what its ancestors' and its own name hide. */
interface Place {
  name: string;
  /** Everything at this place and inside it is hidden (`token: { value }`). */
  hidden: boolean;
  /** A scalar here is hidden, an object is judged field by field (`card: { brand }`). */
  scalarHidden: boolean;
}

const MAY_NAME_A_SECRET =
  /pass|pwd|secret|cvv|cvc|key|token|auth|card|pan|pin|cid|cookie|jwt|security|bearer|otp/i;
/** JSON text writes a tab as `\t`: it still separates the digit groups of a card number there. */
const MAY_HOLD_CARD_IN_JSON = /\d(?:(?:[ \-./]|\\t){0,3}\d){12}/;

/**
 * `JSON.stringify` that never throws and leaks nothing: the native call first (fast, and right
 * for almost every value); when the text could hold a secret-looking key or a card number, or the
 * value holds an Error, Map or Set (JSON writes them as `{}`; here they are written as their
 * fields, entries and values), a second pass that hides secrets by their names (inherited from
 * ancestors, as in `{ token: { value } }`) and masks card data in strings, numbers and keys
 * before they are written, so no cut or escape can split one. A careful walk handles what the native call throws
 * on: cycles become `"[Circular]"`, BigInts decimal strings, and values nested past
 * {@link MAX_JSON_DEPTH} `"[MaxDepth]"`; each is noted.
 */
export function safeJsonStringify(
  value: unknown,
  path: string,
  notes: RepairNote[],
  rules: JsonFieldRules,
): string {
  const root: Place = { name: rules.name, hidden: rules.hidden, scalarHidden: rules.hidden };
  try {
    const plain = JSON.stringify(value);
    if (plain === undefined) return 'null';
    if (
      !root.hidden &&
      !MAY_NAME_A_SECRET.test(plain) &&
      !MAY_HOLD_CARD_IN_JSON.test(plain) &&
      // An Error, Map or Set is written as an object (`{}` at least): only then is it looked for.
      !(plain.includes('{') && holdsJsonInvisible(value))
    )
      return plain;
    // The replacer (several times slower) learns each object's place when its parent hands it
    // over, just before the native call walks into it; only the outer wrapper has none.
    const places = new WeakMap<object, Place>();
    const text = JSON.stringify(value, function (this: object, key: string, inner: unknown) {
      const parent = places.get(this);
      const place = parent === undefined ? root : placeOf(parent, key, Array.isArray(this), rules);
      const written = writeValue(inner, place);
      if (typeof written === 'object' && written !== null) places.set(written, place);
      return written;
    });
    if (text !== undefined) return text;
  } catch {
    // fall through to the careful walk
  }
  return carefulStringify(value, path, notes, [], 0, root, rules) ?? 'null';
}

/** The place of `key` inside a value at `parent`: array items share their array's place. */
function placeOf(parent: Place, key: string, inArray: boolean, rules: JsonFieldRules): Place {
  if (inArray) return parent;
  const name = parent.name === '' ? rules.fieldName(key) : `${parent.name}_${rules.fieldName(key)}`;
  const sensitivity = rules.judge(name, key);
  const hidden = parent.hidden || sensitivity === 'secret';
  return { name, hidden, scalarHidden: hidden || sensitivity === 'card' };
}

/**
 * The value to write at `place`: scalars under a hidden place become `[REDACTED]`, card numbers
 * in strings and numbers are masked, and an object whose keys hold card numbers is copied with
 * them masked.
 */
function writeValue(value: unknown, place: Place): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
      return place.scalarHidden ? REDACTED : maskCardData(value);
    case 'number':
      if (place.scalarHidden) return REDACTED;
      return value >= 1e12 || value <= -1e12 ? (maskCardNumberValue(value) ?? value) : value;
    case 'boolean':
      return place.scalarHidden ? REDACTED : value;
    case 'bigint':
      return place.scalarHidden ? REDACTED : (maskCardNumberValue(value) ?? value.toString());
    case 'object':
      if (isJsonInvisible(value)) return jsonVisible(value);
      return Array.isArray(value) ? value : withMaskedKeys(value as Record<string, unknown>);
    default:
      return value; // functions and symbols: left out by JSON itself
  }
}

function withMaskedKeys(object: Record<string, unknown>): object {
  const keys = Object.keys(object);
  if (!keys.some(mayContainCardNumber)) return object;
  // A copy in the same key order, each key masked (`{"4111…": 1}` → `{"************1111": 1}`).
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[maskCardNumbers(key)] = object[key];
  return copy;
}

function carefulStringify(
  value: unknown,
  path: string,
  notes: RepairNote[],
  ancestors: object[],
  depth: number,
  place: Place,
  rules: JsonFieldRules,
): string | undefined {
  if (typeof value === 'bigint') notes.push({ path, problem: 'BigInt written as a decimal string' });
  const resolved = resolveToJson(value, path, notes);
  if (typeof resolved === 'object' && resolved !== null) {
    if (ancestors.includes(resolved)) {
      notes.push({ path, problem: 'circular reference replaced by "[Circular]"' });
      return '"[Circular]"';
    }
    if (depth >= MAX_JSON_DEPTH) {
      notes.push({ path, problem: `nesting deeper than ${MAX_JSON_DEPTH} levels replaced by "[MaxDepth]"` });
      return '"[MaxDepth]"';
    }
  }
  const written = writeValue(resolved, place);
  switch (typeof written) {
    case 'string':
      return JSON.stringify(written);
    case 'number':
      return Number.isFinite(written) ? String(written) : 'null';
    case 'boolean':
      return written ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined; // functions, symbols, undefined: omitted, as JSON.stringify does
  }
  if (written === null) return 'null';
  ancestors.push(resolved as object);
  const parts: string[] = [];
  if (Array.isArray(written)) {
    for (let i = 0; i < written.length; i++) {
      const inner = carefulStringify(written[i], `${path}[${i}]`, notes, ancestors, depth + 1, place, rules);
      parts.push(inner ?? 'null');
    }
  } else {
    const source = written as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const at = placeOf(place, key, false, rules);
      const inner = carefulStringify(source[key], `${path}.${key}`, notes, ancestors, depth + 1, at, rules);
      if (inner !== undefined) parts.push(`${JSON.stringify(key)}:${inner}`);
    }
  }
  ancestors.pop();
  return Array.isArray(written) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

/** What JSON.stringify would see for a value: its `toJSON()` result, so redaction judges that. */
function resolveToJson(value: unknown, path: string, notes: RepairNote[]): unknown {
  const withToJson = value as { toJSON?: () => unknown } | null;
  if (typeof withToJson?.toJSON !== 'function') return value;
  try {
    return withToJson.toJSON();
  } catch {
    notes.push({ path, problem: 'toJSON() threw; value omitted' });
    return undefined;
  }
}
