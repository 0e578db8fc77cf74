import type { RandomSource } from './uuid-v7.js';

/** `n` in lower-case hex, zero-padded to `width` digits. */
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * UUID v7 ids (RFC 9562) from a few hundred bytes of code, for bundles where size counts more than
 * nanoseconds: a storefront makes a few ids a second, so the browser tag uses this one, while the
 * Node client, which makes hundreds of thousands, writes ids as bytes with `createUuidV7Source`.
 * Same layout as that one: 48-bit Unix ms, then a 12-bit counter in `rand_a`, seeded at random
 * each new millisecond and counted up within one, so ids made in one millisecond still sort in
 * the order they were made; past 4095 in one millisecond the time moves on by one.
 */
export function createSmallUuidV7Generator(now: () => number = Date.now): () => string {
  let lastMs = -1;
  let counter = 0;
  // Random bytes for 32 ids per `getRandomValues`: a page's first call after a pause costs ~35 µs
  // in Chromium (measured at one event per 20 ms), and most ids are made one at a time.
  const random = new Uint8Array(9 * 32);
  let at = random.length;
  return () => {
    if (at === random.length) {
      // Every browser of the tag's ES2020 target has it, on http pages too, as Node has since 19.
      (globalThis as unknown as { crypto: RandomSource }).crypto.getRandomValues(random);
      at = 0;
    }
    const first = random[at] as number;
    let ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      counter = (first & 7) << 8;
    } else if (++counter > 4095) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
    let tail = '';
    for (let i = at + 1; i < at + 9; i++) tail += hex(random[i] as number, 2);
    at += 9;
    const time = hex(ms, 12);
    // The variant's two bits (10) lead the fourth group: its first digit is 8–b.
    const variant = hex(8 | (first >> 6), 1);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(counter, 3)}-${variant}${tail.slice(0, 3)}-${tail.slice(3, 15)}`;
  };
}
