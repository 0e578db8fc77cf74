import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HMAC key of a Standard Webhooks secret: `whsec_<base64>` is decoded, anything else used as UTF-8. */
function secretKey(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/**
 * The `webhook-signature` value of the Standard Webhooks scheme: `v1,` and the base64
 * HMAC-SHA256 of `id.timestamp.body` (timestamp in unix seconds), over the exact bytes sent.
 */
export function signStandardWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const mac = createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/**
 * Checks a received webhook as a receiver should: one of the space-separated `v1,` signatures
 * matches (constant-time), and the timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isSafeInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signStandardWebhook(secret, headers.id, timestamp, body));
  return headers.signature.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
