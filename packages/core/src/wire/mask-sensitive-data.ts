/**
 * Card data and secrets are masked before a record leaves the process (architecture.md,
 * "Security and privacy"): whatever a developer logs by mistake, OpenObserve never stores a
 * usable card number, CVV or password.
 */

/** Field names whose values are always replaced, after OpenObserve's key normalisation. */
const SENSITIVE_KEY =
  /^card$|(^|_)(cvv2?|cvc2?|cid|card_?number|cardnumber|card_?num|pan|pin|password|passwd|secret|client_?secret|api_?key|apikey|access_?token|refresh_?token|token|authorization|auth)($|_)/;

/** 13–19 digits, optionally grouped by single spaces or dashes: a card number candidate. */
const CARD_CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
const HAS_CARD_CANDIDATE = /\d(?:[ -]?\d){12,18}/;

export const REDACTED = '[REDACTED]';

/** Whether a (normalised) field name names a secret or card data. Cache the answer per key. */
export function isSensitiveFieldName(name: string): boolean {
  return SENSITIVE_KEY.test(name);
}

/** Cheap pre-check for the hot path: could this string hold a card number at all? */
export function mayContainCardNumber(text: string): boolean {
  return text.length >= 13 && HAS_CARD_CANDIDATE.test(text);
}

/**
 * Replaces every Luhn-valid card number in `text` by its last four digits behind asterisks
 * (`************1111`). Digit runs that fail the Luhn check (order ids, timestamps) stay.
 */
export function maskCardNumbers(text: string): string {
  if (!mayContainCardNumber(text)) return text;
  return text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) return match;
    return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
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
