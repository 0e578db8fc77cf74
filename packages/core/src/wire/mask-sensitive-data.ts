/**
 * Card data and secrets are masked before a record leaves the process (architecture.md,
 * "Security and privacy"): whatever a developer logs by mistake, OpenObserve never stores a
 * usable card number, CVV or password.
 */

/** Words that mark a secret wherever they appear in a field name (`newpassword`, `x_api_key`). */
const SECRET_ANYWHERE =
  /password|passwd|passphrase|passcode|secret|cvv|cvc|apikey|api_key|cardnumber|card_number|privatekey|private_key|accesstoken|access_token|refreshtoken|refresh_token|authtoken|auth_token|sessiontoken|session_token|idtoken|id_token|security_code|set_cookie/;
/**
 * Short words that mark a secret only as a whole name or its last segment: `card_pin`,
 * `x_token`, but not `pin_code` (a postcode), `token_count`, `auth_type` or `shipping`.
 */
const SECRET_LAST_SEGMENT = /(^|_)(pwd|pan|token|jwt|cookie|authorization|card_pin|cid)$|^(pin|card|auth)$/;

export const REDACTED = '[REDACTED]';

/**
 * Whether a field names a secret or card data. `rawKey` is the key as written, so camelCase
 * word boundaries (`authToken`, `cardCvv`) still count after OpenObserve lowercases the name.
 */
export function isSensitiveFieldName(name: string, rawKey: string = name): boolean {
  if (SECRET_ANYWHERE.test(name) || SECRET_LAST_SEGMENT.test(name)) return true;
  if (rawKey === name) return false;
  const words = rawKey.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return SECRET_ANYWHERE.test(words) || SECRET_LAST_SEGMENT.test(words);
}

/** Digits in groups of 1+ separated by single spaces or dashes, not touching letters or digits. */
const DIGIT_RUN = /(?<![\dA-Za-z])\d+(?:[ -]\d+)*(?![\dA-Za-z])/g;
const HAS_LONG_DIGIT_RUN = /\d(?:[ -]?\d){12}/;

/** Cheap pre-check for the hot path: could this string hold a card number at all? */
export function mayContainCardNumber(text: string): boolean {
  return text.length >= 13 && HAS_LONG_DIGIT_RUN.test(text);
}

/**
 * Replaces every card number in `text` by its last four digits behind asterisks
 * (`************1111`). A card number here is a run of 13–19 digits, alone or in the usual
 * groups (`4111 1111 1111 1111`, `3782 822463 10005`), with a card network's prefix and length,
 * that passes the Luhn check; so order ids, barcodes, epoch times and phone numbers stay.
 */
export function maskCardNumbers(text: string): string {
  if (!mayContainCardNumber(text)) return text;
  return text.replace(DIGIT_RUN, maskRun);
}

/** A number that may be a card number, written as its masked string when it is one. */
export function maskCardNumberValue(value: number | bigint): string | undefined {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return undefined;
  const digits = value.toString();
  return isCardNumber(digits) ? mask(digits) : undefined;
}

function maskRun(run: string): string {
  const parts = run.split(/([ -])/); // digit groups at even indexes, separators at odd ones
  const groups = parts.filter((_, i) => i % 2 === 0);
  // A card is one long group, or the usual card groups (4-4-4-4[-3], 4-6-5), anywhere in the run
  // (`qty 3 4111 1111 1111 1111`, `4111 1111 1111 1111 12/25`).
  for (let start = 0; start < groups.length; start++) {
    for (let count = groups.length - start; count >= 1; count--) {
      const span = groups.slice(start, start + count);
      const digits = span.join('');
      if ((count > 1 && !isUsualGrouping(span)) || !isCardNumber(digits)) continue;
      const before = parts.slice(0, start * 2).join('');
      const after = parts.slice((start + count) * 2 - 1).join('');
      return `${before}${mask(digits)}${after}`;
    }
  }
  return run;
}

function isUsualGrouping(groups: string[]): boolean {
  const shape = groups.map((g) => g.length).join('-');
  return /^4-4-4-4(-[1-4])?$|^4-6-[45]$/.test(shape);
}

function mask(digits: string): string {
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** Prefixes and lengths of the card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
const CARD_NETWORK =
  /^(4\d{15}(\d{3})?|5[1-5]\d{14}|2(2[2-9]|[3-6]\d|7[01]|720)\d{12}|3[47]\d{13}|6(011|5\d\d|4[4-9]\d)\d{12,15}|35(2[89]|[3-8]\d)\d{12,15}|3(0[0-5]|[689]\d)\d{11,16}|62\d{14,17}|(5[06-9]|6\d)\d{10,17})$/;

function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && CARD_NETWORK.test(digits) && passesLuhn(digits);
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
