import { isSensitiveFieldName, maskCardData, REDACTED } from '@shoptel/core';

/**
 * A label value as it may leave the process (pushed to OpenObserve, or scraped from `/metrics`):
 * card numbers masked, the value of a label named like a secret (`password`, `card`) hidden, a
 * lone UTF-16 surrogate replaced.
 * Metric samples do not pass core's record serializer, so this is their masking. Called once per
 * new series, not per observation.
 */
export function maskLabelValue(name: string, value: string): string {
  // Half an emoji (a product name cut inside one) becomes U+FFFD: OpenObserve's reader refuses
  // the escape JSON.stringify writes for it, and with it the whole push.
  return isSensitiveFieldName(name) ? REDACTED : maskCardData(value).toWellFormed();
}
