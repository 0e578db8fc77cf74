import { REDACTED } from './mask-sensitive-data.js';

/** Where a value could not be written as-is, and what was done instead. */
export interface RepairNote {
  path: string;
  problem: string;
}

/** Nesting deeper than this inside one field is cut, so hostile input cannot exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

const MAY_NAME_A_SECRET = /pass|pwd|secret|cvv|cvc|key|token|auth|card|pan|pin|cid|cookie|jwt|security/i;

/**
 * `JSON.stringify` that never throws: the native call first (fast, and right for almost every
 * value), then a careful walk when it fails on a cycle, a BigInt or extreme depth. Cycles become
 * `"[Circular]"`, BigInts decimal strings, and values nested past {@link MAX_JSON_DEPTH}
 * `"[MaxDepth]"`; each is noted.
 */
export function safeJsonStringify(
  value: unknown,
  path: string,
  notes: RepairNote[],
  isSecretKey: (key: string) => boolean = () => false,
): string {
  // Primitive values under a secret-looking key are replaced; objects under one are kept, and
  // their own keys judged.
  const redact = (key: string, inner: unknown) =>
    key !== '' && inner !== null && inner !== undefined && typeof inner !== 'object' && isSecretKey(key)
      ? REDACTED
      : inner;
  try {
    // The plain native call first; the replacer (several times slower) only when a key in the
    // text looks like it could name a secret.
    const plain = JSON.stringify(value);
    if (plain === undefined) return 'null';
    if (!MAY_NAME_A_SECRET.test(plain)) return plain;
    const text = JSON.stringify(value, redact);
    if (text !== undefined) return text;
  } catch {
    // fall through to the careful walk
  }
  return carefulStringify(value, path, notes, [], 0, redact) ?? 'null';
}

function carefulStringify(
  value: unknown,
  path: string,
  notes: RepairNote[],
  ancestors: object[],
  depth: number,
  redact: (key: string, value: unknown) => unknown,
): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      notes.push({ path, problem: 'BigInt written as a decimal string' });
      return `"${value.toString()}"`;
    case 'object':
      break;
    default:
      return undefined; // functions, symbols, undefined: omitted, as JSON.stringify does
  }
  if (value === null) return 'null';
  if (ancestors.includes(value)) {
    notes.push({ path, problem: 'circular reference replaced by "[Circular]"' });
    return '"[Circular]"';
  }
  if (depth >= MAX_JSON_DEPTH) {
    notes.push({ path, problem: `nesting deeper than ${MAX_JSON_DEPTH} levels replaced by "[MaxDepth]"` });
    return '"[MaxDepth]"';
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') {
    try {
      return carefulStringify(withToJson.toJSON(), path, notes, ancestors, depth + 1, redact);
    } catch {
      notes.push({ path, problem: 'toJSON() threw; value omitted' });
      return undefined;
    }
  }
  ancestors.push(value);
  let out: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) {
      parts.push(carefulStringify(value[i], `${path}[${i}]`, notes, ancestors, depth + 1, redact) ?? 'null');
    }
    out = `[${parts.join(',')}]`;
  } else {
    const parts: string[] = [];
    for (const key of Object.keys(value)) {
      const inner = carefulStringify(
        redact(key, resolveToJson((value as Record<string, unknown>)[key])),
        `${path}.${key}`,
        notes,
        ancestors,
        depth + 1,
        redact,
      );
      if (inner !== undefined) parts.push(`${JSON.stringify(key)}:${inner}`);
    }
    out = `{${parts.join(',')}}`;
  }
  ancestors.pop();
  return out;
}

/** What JSON.stringify would see for a value: its `toJSON()` result, so redaction judges that. */
function resolveToJson(value: unknown): unknown {
  const withToJson = value as { toJSON?: () => unknown } | null;
  if (typeof withToJson?.toJSON !== 'function') return value;
  try {
    return withToJson.toJSON();
  } catch {
    return undefined;
  }
}
