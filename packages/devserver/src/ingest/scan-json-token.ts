// Byte-level JSON token steps for `scanFlatJsonArray`. Each takes the position of a token and
// answers the position after it (0 when the bytes are not that token); the bytes end in a NUL
// that no token takes, so no step reads past the end.

/** The JSON punctuation the scanner steps over, as byte values. */
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const DIGIT_0 = 0x30;
const BACKSLASH = 0x5c;
const DIGIT_9 = 0x39;
// Up to 15 significant digits a decimal survives the trip through a double (DBL_DIG): such a
// number is below 2^53 (`fieldKinds`' exactness), and one with a non-zero fraction digit cannot
// have been read as an integer.
const MAX_EXACT_DIGITS = 15;

export function skipWhitespace(bytes: Uint8Array, p: number): number {
  for (;;) {
    const c = bytes[p]!;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
    else return p;
  }
}

export function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

export function isFieldNameByte(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || isDigit(c) || c === 0x5f;
}

export function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/** Position after the word, or 0 when it is not there. */
export function matchWord(bytes: Uint8Array, p: number, word: Uint8Array): number {
  for (let i = 0; i < word.byteLength; i++) if (bytes[p + i] !== word[i]) return 0;
  return p + word.byteLength;
}

/** Position after the closing quote of a valid JSON string whose content starts at `p`, or 0. */
export function skipString(bytes: Uint8Array, p: number): number {
  for (;;) {
    const c = bytes[p++]!;
    if (c === QUOTE) return p;
    if (c < 0x20) return 0;
    if (c === BACKSLASH) {
      const e = bytes[p++]!;
      if (e === 0x75) {
        for (let i = 0; i < 4; i++) if (!isHexDigit(bytes[p++]!)) return 0;
      } else if (!isSimpleEscape(e)) return 0;
    }
  }
}

// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`.
function isSimpleEscape(e: number): boolean {
  return (
    e === QUOTE ||
    e === BACKSLASH ||
    e === 0x2f ||
    e === 0x62 ||
    e === 0x66 ||
    e === 0x6e ||
    e === 0x72 ||
    e === 0x74
  );
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/**
 * A JSON number at `p` that `JSON.parse` reads exactly, without an exponent: twice the position
 * after it, plus one if it has a non-zero fraction digit (`1.0` is an integer); 0 for anything else.
 */
export function skipNumber(bytes: Uint8Array, p: number): number {
  if (bytes[p] === MINUS) p++;
  const intStart = p;
  if (bytes[p] === DIGIT_0) p++;
  else while (isDigit(bytes[p]!)) p++;
  if (p === intStart) return 0;
  // A lone integer 0 is no significant digit.
  let digits = p - intStart === 1 && bytes[intStart] === DIGIT_0 ? 0 : p - intStart;
  let fraction = 0;
  if (bytes[p] === DOT) {
    const fractionStart = ++p;
    while (isDigit(bytes[p]!)) if (bytes[p++] !== DIGIT_0) fraction = 1;
    if (p === fractionStart) return 0;
    digits += p - fractionStart;
  }
  if (digits > MAX_EXACT_DIGITS || bytes[p] === 0x65 || bytes[p] === 0x45) return 0;
  return p * 2 + fraction;
}
