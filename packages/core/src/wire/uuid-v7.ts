interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_BYTES = 4096;

/**
 * Makes RFC 9562 UUID version 7 ids: 48 bits of Unix ms, then 74 random bits. Ids sort by time,
 * which keeps `event_id` dedupe cheap in queries. Random bytes come from a pooled
 * `crypto.getRandomValues` call (one per ~400 ids) because the id is made for every record.
 * Within one millisecond a 12-bit counter in `rand_a` keeps ids from one generator increasing.
 */
export function createUuidV7Generator(now: () => number = () => Date.now()): () => string {
  const pool = new Uint8Array(POOL_BYTES);
  let offset = POOL_BYTES;
  let lastMs = -1;
  let counter = 0;
  let prefixMs = -1;
  let prefix = '';

  const refill = () => {
    // Core has no DOM or Node types; Web Crypto is a global on every runtime we target.
    const crypto = (globalThis as { crypto?: RandomSource }).crypto;
    if (crypto) crypto.getRandomValues(pool);
    // Without Web Crypto (rare old runtimes) ids stay unique enough for dedupe, not for secrets.
    else for (let i = 0; i < POOL_BYTES; i++) pool[i] = Math.floor(Math.random() * 256);
    offset = 0;
  };

  return () => {
    if (offset + 10 > POOL_BYTES) refill();
    let ms = now();
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
    if (ms !== prefixMs) {
      // Ids of one millisecond share their first 13 characters; format them once.
      const timeHex = ms.toString(16).padStart(12, '0');
      prefixMs = ms;
      prefix = `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-`;
    }
    return (
      prefix +
      `7${HEX[(counter >> 8) & 0x0f]!.slice(1)}${HEX[counter & 0xff]!}-` +
      `${HEX[0x80 | (pool[p + 2]! & 0x3f)]!}${HEX[pool[p + 3]!]!}-` +
      HEX[pool[p + 4]!]! +
      HEX[pool[p + 5]!]! +
      HEX[pool[p + 6]!]! +
      HEX[pool[p + 7]!]! +
      HEX[pool[p + 8]!]! +
      HEX[pool[p + 9]!]!
    );
  };
}
