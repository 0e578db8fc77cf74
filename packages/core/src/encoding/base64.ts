const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

/** UTF-8 bytes of a string, without TextEncoder (core's lib has no DOM or Node types). */
export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/** Standard base64 of a string's UTF-8 bytes, as HTTP Basic auth wants it. */
export function base64EncodeUtf8(text: string): string {
  const bytes = utf8Encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

/**
 * Decodes standard base64 to a Latin-1/ASCII string, or `undefined` when the text is not base64.
 * Used only to check the shape of a ready-made Basic token (`user:password`).
 */
export function base64DecodeAscii(text: string): string | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  let out = '';
  for (let i = 0; i < text.length; i += 4) {
    const a = LOOKUP.get(text[i]!)!;
    const b = LOOKUP.get(text[i + 1]!)!;
    const c = LOOKUP.get(text[i + 2]!) ?? 0;
    const d = LOOKUP.get(text[i + 3]!) ?? 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out += String.fromCharCode((n >> 16) & 255);
    if (text[i + 2] !== '=') out += String.fromCharCode((n >> 8) & 255);
    if (text[i + 3] !== '=') out += String.fromCharCode(n & 255);
  }
  return out;
}
