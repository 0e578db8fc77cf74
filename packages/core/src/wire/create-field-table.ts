import { maskCardNumbers } from './mask-card-numbers.js';
import { createFieldJudge, type FieldSensitivity } from './mask-sensitive-data.js';
import { normalizeFieldName } from './normalize-field-name.js';

/** What the serializer needs to know about one field path, worked out once per path. */
export interface FieldInfo {
  /** The wire name: the path's keys normalised and joined with `_` (`metadata_userid`). */
  readonly name: string;
  /** How the name hides the value, judged by the whole name and by the key alone. */
  readonly sensitivity: FieldSensitivity;
  /** @internal The fields below this one, by key as written. */
  children: Map<string, FieldInfo> | undefined;
  /**
   * @internal The byte writer's `,"name":` for this path, `null` when the path needs the careful
   * walk, `undefined` until first asked.
   */
  wireKey: Uint8Array | null | undefined;
  /** @internal `wireKey`'s whole 4-byte groups, little-endian, for copying a word at a time. */
  wireKeyWords: Int32Array | undefined;
  /**
   * @internal A string value this path had twice in a row (`level: 'info'`), with its wire key
   * and JSON bytes, so the next record with it copies them instead of encoding it again.
   */
  repeated: RepeatedValue | undefined;
  /** @internal The last string value written at this path. */
  lastString: string | undefined;
  /**
   * @internal The keys of the last object written under this path and their entries, by
   * position: records of one shape then find each field by comparing one key, not by a lookup.
   */
  keyOrder: string[] | undefined;
  fieldOrder: FieldInfo[] | undefined;
  /**
   * @internal Shared by every path of this wire name (`a.b` and `a_b`), so the byte writer can
   * tell, with one comparison per field, that a record writes one name twice.
   */
  slot: NameSlot;
}

/** @internal The last record (by the byte writer's count) that wrote a wire name. */
export interface NameSlot {
  stamp: number;
}

/** `,"name":"value"` of a string value that repeats, as bytes and as their whole 4-byte words. */
export interface RepeatedValue {
  value: string;
  bytes: Uint8Array;
  words: Int32Array;
}

/**
 * The wire names and sensitivity of field paths, memoised as a tree (root → `metadata` →
 * `userId`). Keys and nested paths repeat across millions of records; looking a key up under its
 * parent's entry reuses one name string per path, where building `prefix_key` and judging it again
 * for every record would cost more than writing the value. Bounded: past `maxEntries` paths
 * (generated or hostile keys) the tree starts afresh.
 */
export function createFieldTable(maxEntries = 4096) {
  const judge = createFieldJudge(maxEntries);
  // A key can itself be a card number (`{"4111 1111 1111 1111": …}`): keys are masked as written,
  // before normalising turns their separators into `_`.
  const keyNames = new Map<string, string>();
  const keyName = (key: string) => {
    let name = keyNames.get(key);
    if (name === undefined) {
      name = normalizeFieldName(maskCardNumbers(key));
      if (keyNames.size >= maxEntries) keyNames.clear();
      keyNames.set(key, name);
    }
    return name;
  };
  let slots = new Map<string, NameSlot>();
  const slotOf = (name: string) => {
    let slot = slots.get(name);
    if (slot === undefined) {
      slot = { stamp: 0 };
      slots.set(name, slot);
    }
    return slot;
  };
  let root = newEntry('', 'plain', slotOf(''));
  let entries = 0;

  /** The field `key` inside `parent` (the table's `root` for a record's own keys). */
  function child(parent: FieldInfo, key: string): FieldInfo {
    let children = parent.children;
    const known = children?.get(key);
    if (known !== undefined) return known;
    if (entries >= maxEntries) {
      // Start afresh; entries already handed out stay valid for the record being written (one
      // whose names straddle the reset may then write a name twice: the server keeps the later).
      slots = new Map();
      root = newEntry('', 'plain', slotOf(''));
      entries = 0;
    }
    const name = parent.name === '' ? keyName(key) : `${parent.name}_${keyName(key)}`;
    const info = newEntry(name, judge(name, key), slotOf(name));
    if (children === undefined) children = parent.children = new Map();
    children.set(key, info);
    entries++;
    return info;
  }

  return {
    /** The entry of a record's own keys. */
    root: () => root,
    child,
    /** Wire form of one key alone, for keys inside values kept as JSON text. */
    keyName,
    judge,
  };
}

function newEntry(name: string, sensitivity: FieldSensitivity, slot: NameSlot): FieldInfo {
  return {
    name,
    sensitivity,
    slot,
    children: undefined,
    wireKey: undefined,
    wireKeyWords: undefined,
    repeated: undefined,
    lastString: undefined,
    keyOrder: undefined,
    fieldOrder: undefined,
  };
}

/** The table of field paths a serializer names and judges once. */
export type FieldTable = ReturnType<typeof createFieldTable>;
