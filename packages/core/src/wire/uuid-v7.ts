export interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

/** ASCII codes of the hex digits. */
const HEX_CODES = Array.from('0123456789abcdef', (char) => char.charCodeAt(0));
const DASH = 45;
const POOL_BYTES = 4096;
/** An id is 36 ASCII characters: 8-4-4-4-12 hex digits. */
export const UUID_LENGTH = 36;

/** One sequence of UUID v7 ids, as strings or written straight into a byte buffer. */
export interface UuidV7Source {
  /** The next id as a string. */
  next(): string;
  /**
   * Writes the next id's 36 ASCII bytes at `at` (the caller has made room). `nowMs`, when the
   * caller has just read the clock the source was made with, saves reading it again.
   */
  writeNext(bytes: Uint8Array, at: number, nowMs?: number): void;
}

/**
 * Makes RFC 9562 UUID version 7 ids: 48 bits of Unix ms, then 74 random bits. Ids sort by time,
 * which keeps `event_id` dedupe cheap in queries. Random bytes come from a pooled
 * `crypto.getRandomValues` call (one per ~400 ids) because an id is made for every record, and
 * the serializer's fast path writes it straight into the request body: no string per id.
 * Within one millisecond a 12-bit counter in `rand_a` keeps ids from one source increasing.
 */
export function createUuidV7Source(now: () => number = () => Date.now()): UuidV7Source {
  const pool = new Uint8Array(POOL_BYTES);
  let offset = POOL_BYTES;
  let lastMs = -1;
  let counter = 0;
  const scratch = new Uint8Array(UUID_LENGTH);
  const decoder = new TextDecoder();

  const refill = () => {
    // Core has no DOM or Node types; Web Crypto is a global on every runtime we target.
    const crypto = (globalThis as { crypto?: RandomSource }).crypto;
    if (crypto) crypto.getRandomValues(pool);
    // Without Web Crypto (rare old runtimes) ids stay unique enough for dedupe, not for secrets.
    else for (let i = 0; i < POOL_BYTES; i++) pool[i] = Math.floor(Math.random() * 256);
    offset = 0;
  };

  function writeNext(bytes: Uint8Array, at: number, nowMs?: number): void {
    if (offset + 10 > POOL_BYTES) refill();
    let ms = nowMs ?? now();
    if (ms > lastMs) {
      lastMs = ms;
      counter = ((pool[offset]! & 0x07) << 8) | pool[offset + 1]!; // random start, room to count up
    } else {
      ms = lastMs;
      counter++;
      if (counter > 0xfff) {
        // Counter exhausted within one ms: borrow the next ms so order and uniqueness hold.
        lastMs++;
        ms = lastMs;
        counter = 0;
      }
    }
    const p = offset;
    offset += 10;
    // 48-bit ms as 12 hex digits at 0-7 and 9-12 (split in two: bit operators work on 32 bits).
    const high = Math.floor(ms / 0x1000000);
    const low = ms % 0x1000000;
    for (let k = 0; k < 6; k++) bytes[at + k] = HEX_CODES[(high >>> (4 * (5 - k))) & 15]!;
    bytes[at + 6] = HEX_CODES[(low >>> 20) & 15]!;
    bytes[at + 7] = HEX_CODES[(low >>> 16) & 15]!;
    bytes[at + 8] = DASH;
    bytes[at + 9] = HEX_CODES[(low >>> 12) & 15]!;
    bytes[at + 10] = HEX_CODES[(low >>> 8) & 15]!;
    bytes[at + 11] = HEX_CODES[(low >>> 4) & 15]!;
    bytes[at + 12] = HEX_CODES[low & 15]!;
    bytes[at + 13] = DASH;
    bytes[at + 14] = HEX_CODES[7]!; // version 7
    bytes[at + 15] = HEX_CODES[(counter >> 8) & 15]!;
    bytes[at + 16] = HEX_CODES[(counter >> 4) & 15]!;
    bytes[at + 17] = HEX_CODES[counter & 15]!;
    bytes[at + 18] = DASH;
    const variant = 0x80 | (pool[p + 2]! & 0x3f);
    bytes[at + 19] = HEX_CODES[variant >> 4]!;
    bytes[at + 20] = HEX_CODES[variant & 15]!;
    bytes[at + 21] = HEX_CODES[pool[p + 3]! >> 4]!;
    bytes[at + 22] = HEX_CODES[pool[p + 3]! & 15]!;
    bytes[at + 23] = DASH;
    for (let i = 0; i < 6; i++) {
      const byte = pool[p + 4 + i]!;
      bytes[at + 24 + 2 * i] = HEX_CODES[byte >> 4]!;
      bytes[at + 25 + 2 * i] = HEX_CODES[byte & 15]!;
    }
  }

  return {
    next() {
      writeNext(scratch, 0);
      return decoder.decode(scratch);
    },
    writeNext,
  };
}

/** {@link createUuidV7Source} as a function returning ids as strings. */
export function createUuidV7Generator(now: () => number = () => Date.now()): () => string {
  const source = createUuidV7Source(now);
  return () => source.next();
}
