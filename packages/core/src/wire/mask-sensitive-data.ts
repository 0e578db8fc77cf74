/**
 * Card data and secrets are masked before a record leaves the process (architecture.md,
 * "Security and privacy"): whatever a developer logs by mistake, OpenObserve never stores a
 * usable card number, CVV or password.
 */

/** Words that mark a secret wherever they appear in a field name (`newpassword`, `x_api_key`). */
const SECRET_ANYWHERE =
  /password|passwd|passphrase|secret|cvv|cvc|apikey|api_key|authorization|cardnumber|card_number|privatekey|private_key|accesstoken|access_token|refreshtoken|refresh_token|authtoken|auth_token|sessiontoken|session_token|idtoken|id_token/;
/** Short words that mark a secret only as a whole segment (`card_pin`, not `shipping`). */
const SECRET_SEGMENT = /^card$|(^|_)(pan|pin|cid|token|auth|card_num)($|_)/;

/** 13–19 digits, optionally grouped by single spaces or dashes: a card number candidate. */
const DIGIT_RUN = /(?<!\d)\d+(?:[ -]\d+)*(?!\d)/g;
const HAS_LONG_DIGIT_RUN = /\d(?:[ -]?\d){12}/;

export const REDACTED = '[REDACTED]';

/**
 * Whether a field names a secret or card data. `rawKey` is the key as written, so camelCase
 * word boundaries (`authToken`, `cardCvv`) still count after OpenObserve lowercases the name.
 */
export function isSensitiveFieldName(name: string, rawKey: string = name): boolean {
  const words =
    rawKey === name ? name : `${name} ${rawKey.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`;
  return SECRET_ANYWHERE.test(words) || words.split(' ').some((part) => SECRET_SEGMENT.test(part));
}

/** Cheap pre-check for the hot path: could this string hold a card number at all? */
export function mayContainCardNumber(text: string): boolean {
  return text.length >= 13 && HAS_LONG_DIGIT_RUN.test(text);
}

/**
 * Replaces every Luhn-valid card number in `text` by its last four digits behind asterisks
 * (`************1111`). Digit runs that fail the check (order ids, timestamps) stay. A run of
 * groups is searched for a card number inside it too (`4111 1111 1111 1111 12/25`).
 */
export function maskCardNumbers(text: string): string {
  if (!mayContainCardNumber(text)) return text;
  return text.replace(DIGIT_RUN, maskRun);
}

function maskRun(run: string): string {
  const groups = run.split(/([ -])/); // digits at even indexes, separators at odd ones
  const digitGroups = groups.filter((_, i) => i % 2 === 0);
  // Try the longest span of whole groups first, earliest start first.
  for (let length = digitGroups.length; length >= 1; length--) {
    for (let start = 0; start + length <= digitGroups.length; start++) {
      const digits = digitGroups.slice(start, start + length).join('');
      if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) continue;
      const before = groups.slice(0, start * 2).join('');
      const after = groups.slice((start + length) * 2 - 1).join('');
      return `${before}${'*'.repeat(digits.length - 4)}${digits.slice(-4)}${after}`;
    }
  }
  return run;
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
