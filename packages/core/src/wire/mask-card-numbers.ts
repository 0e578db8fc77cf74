import { hasCardNetworkShape, isCardNumber, maskDigits } from './is-card-number.js';

/*
 * Card numbers are found by one left-to-right scan, so the cost is linear in the text: a string
 * of 64 KiB (the default maxStringLength) of digit groups — a list of quantities, a CSV row — must
 * not block the host's event loop. The text is read as chains of digit groups joined by short
 * separators; at each group of a chain only the few windows a card number is written in are
 * tried (one run of 13–19 digits, or groups 4-4-4-4, 4-4-4-4-1..3, 4-6-4, 4-6-5, 4-4-4-1..3), each
 * of at most 19 digits, so every group costs a bounded amount of work whatever the chain's length.
 */

const SPACE = 32;
const TAB = 9;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;

/** `4111  1111`, `4111 - 1111` still read as one number; a wider gap separates two numbers. */
const MAX_SEPARATOR_LENGTH = 3;

/** 13 digits joined by at most 3 separator characters: the least a card number needs. */
const MAY_HOLD_CARD = /\d(?:[ \t\-./]{0,3}\d){12}/;

const isDigit = (code: number) => code >= ZERO && code <= NINE;
const isSeparator = (code: number) =>
  code === SPACE || code === TAB || code === DASH || code === DOT || code === SLASH;

/** Cheap pre-check for the hot path: could this string hold a card number at all? */
export function mayContainCardNumber(text: string): boolean {
  return text.length >= 13 && MAY_HOLD_CARD.test(text);
}

/**
 * Replaces every card number in `text` by its last four digits behind asterisks
 * (`************1111`). A card number is a run of 13–19 digits, alone or in the usual groups
 * (`4111 1111 1111 1111`, `3782 822463 10005`) joined by spaces, tabs, `-`, `.` or `/`, with a card
 * network's prefix and length, that passes the Luhn check; letters may touch it
 * (`visa4111111111111111`). A run of more than 19 digits is an id, not a card. Returns `text`
 * itself when nothing was masked.
 *
 * With `maxLength`, scanning stops once the first `maxLength` characters of the result are final;
 * the rest is returned unmasked, so the caller must cut the result at `maxLength`. This keeps the
 * cost of a huge string bounded by what is sent, and nothing before the cut is left unmasked.
 */
export function maskCardNumbers(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  if (!mayContainCardNumber(text)) return text;
  const n = text.length;
  // The digit groups of the current chain not yet decided, as a ring of start and end indexes:
  // group k is text.slice(starts[k & RING], ends[k & RING]) for first <= k < first + pending.
  const starts = [0, 0, 0, 0, 0, 0, 0, 0];
  const ends = [0, 0, 0, 0, 0, 0, 0, 0];
  let first = 0;
  let pending = 0;
  let out = '';
  let copied = 0; // text.slice(0, copied) is final in `out`
  let decidedUpTo = 0; // and text.slice(copied, decidedUpTo) is final as it is
  let i = 0;
  while (i < n) {
    while (i < n && !isDigit(text.charCodeAt(i))) i++;
    let chainEnded = false;
    while (!chainEnded) {
      const start = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (i > start) {
        starts[(first + pending) & RING] = start;
        ends[(first + pending) & RING] = i;
        pending++;
      }
      let gapEnd = i;
      while (gapEnd < n && gapEnd - i <= MAX_SEPARATOR_LENGTH && isSeparator(text.charCodeAt(gapEnd)))
        gapEnd++;
      chainEnded = gapEnd === i || gapEnd - i > MAX_SEPARATOR_LENGTH || !isDigit(text.charCodeAt(gapEnd));
      if (!chainEnded) i = gapEnd;
      // The oldest group is decided once the 4 groups a card could still span after it are
      // known, or the chain has ended.
      while (pending === GROUP_WINDOW || (chainEnded && pending > 0)) {
        const count = cardGroupsAt(text, starts, ends, first, pending);
        if (count > 0) {
          const digits = digitsOf(text, starts, ends, first, count);
          out += text.slice(copied, starts[first & RING]) + maskDigits(digits);
          copied = ends[(first + count - 1) & RING]!;
        }
        decidedUpTo = ends[(first + Math.max(count, 1) - 1) & RING]!;
        first += Math.max(count, 1);
        pending -= Math.max(count, 1);
      }
    }
    if (out.length + (decidedUpTo - copied) >= maxLength) break;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The most digit groups a card number is written in (4-4-4-4-3). */
const GROUP_WINDOW = 5;
/** Index mask of the ring of pending groups (8 slots, more than GROUP_WINDOW). */
const RING = 7;

/** How many pending groups from the oldest on form a card number (0 when none do), longest first. */
function cardGroupsAt(
  text: string,
  starts: number[],
  ends: number[],
  first: number,
  pending: number,
): number {
  const length = (k: number) => (k < pending ? ends[(first + k) & RING]! - starts[(first + k) & RING]! : 0);
  const head = length(0);
  if (head >= 13) return head <= 19 && isCardNumber(digitsOf(text, starts, ends, first, 1)) ? 1 : 0;
  if (head !== 4) return 0;
  const second = length(1);
  if (second === 4 && length(2) === 4 && length(3) === 4) {
    const fifth = length(4);
    if (fifth >= 1 && fifth <= 3 && isCardNumber(digitsOf(text, starts, ends, first, 5))) return 5;
    if (isCardNumber(digitsOf(text, starts, ends, first, 4))) return 4;
  }
  if (second === 6) {
    const third = length(2);
    if ((third === 4 || third === 5) && isCardNumber(digitsOf(text, starts, ends, first, 3))) return 3;
  }
  // 15- and 14-digit numbers set in fours by a form that groups every card alike.
  if (second === 4 && length(2) === 4) {
    const fourth = length(3);
    if (fourth >= 1 && fourth <= 3 && isCardNumber(digitsOf(text, starts, ends, first, 4))) return 4;
  }
  return 0;
}

function digitsOf(text: string, starts: number[], ends: number[], first: number, count: number): string {
  let digits = '';
  for (let k = first; k < first + count; k++) digits += text.slice(starts[k & RING], ends[k & RING]);
  return digits;
}

/**
 * A number that is a card number, as the masked string to write instead (`-` kept for a negative
 * one), or `undefined` to write the number as it is. A number of 17–19 digits is past what a
 * double holds exactly: its last digits are lost (so is the Luhn check), but its first ones would
 * still give the card away, so one with a card network's prefix is masked whole.
 */
export function maskCardNumberValue(value: number | bigint): string | undefined {
  const negative = value < 0;
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    if (!Number.isInteger(value) || Math.abs(value) < 1e16 || Math.abs(value) >= 1e19) return undefined;
    const digits = BigInt(Math.abs(value)).toString();
    if (!hasCardNetworkShape(digits)) return undefined;
    return `${negative ? '-' : ''}${'*'.repeat(digits.length)}`;
  }
  const digits = (negative ? -value : value).toString();
  if (!isCardNumber(digits)) return undefined;
  return negative ? `-${maskDigits(digits)}` : maskDigits(digits);
}
