/**
 * Secrets are hidden before a record leaves the process (architecture.md, "Security and
 * privacy"): whatever a developer logs by mistake, OpenObserve never stores a password, token or
 * CVV. Card numbers in values are masked by `mask-card-numbers.ts`; this file judges field names.
 */
import { normalizeFieldName } from './normalize-field-name.js';

/** Words that mark a secret wherever they appear in a field name (`newpassword`, `x_api_key`). */
const SECRET_ANYWHERE =
  /password|passwd|passphrase|passcode|secret|cvv|cvc|apikey|api_key|cardnumber|card_number|privatekey|private_key|accesstoken|access_token|refreshtoken|refresh_token|authtoken|auth_token|sessiontoken|session_token|idtoken|id_token|security_code|set_cookie|bearer/;
/**
 * Short words that mark a secret only as a whole name or its last segment: `card_pin`,
 * `x_token`, `sms_otp`, but not `pin_code` (a postcode), `token_count`, `auth_type` or `shipping`.
 */
const SECRET_LAST_SEGMENT =
  /(^|_)(pwd|pan|token|jwt|cookie|authorization|card_pin|cid|[th]?otp|otp_code)$|^(pin|card|auth)$/;

export const REDACTED = '[REDACTED]';

/**
 * How a field is treated: `plain` is written as it is; `secret` hides its value and, when the
 * value is an object or array, everything inside it (`token: { value }`, `auth: { bearer }`);
 * `card` hides a value but lets an object through to be judged field by field, so
 * `card: { brand, last4 }` keeps `card_brand` and `card_last4` while `card_number` is hidden.
 */
export type FieldSensitivity = 'plain' | 'secret' | 'card';

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

/**
 * Judges a field by its full wire name (`payment_card_number`, from a flattened path) and by its
 * own key alone (`pin` in `user.pin`), so a nested secret is found either way.
 */
export function judgeFieldName(name: string, rawKey: string): FieldSensitivity {
  const key = normalizeFieldName(rawKey);
  const sensitive = isSensitiveFieldName(name, rawKey) || (key !== name && isSensitiveFieldName(key, rawKey));
  if (!sensitive) return 'plain';
  return key === 'card' ? 'card' : 'secret';
}

/**
 * {@link judgeFieldName} with a bounded memo: names repeat across millions of records, and
 * generated or hostile keys must not grow the memo without end.
 */
export function createFieldJudge(maxEntries = 4096): (name: string, rawKey: string) => FieldSensitivity {
  const memo = new Map<string, FieldSensitivity>();
  return (name, rawKey) => {
    const memoKey = name === rawKey ? name : `${name}\u0000${rawKey}`;
    let answer = memo.get(memoKey);
    if (answer === undefined) {
      answer = judgeFieldName(name, rawKey);
      if (memo.size >= maxEntries) memo.clear();
      memo.set(memoKey, answer);
    }
    return answer;
  };
}
