/** An e-mail address, also percent-encoded (`jane%40example.com`). */
const EMAIL = /[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+/gi;
/** `name=value` of a query string or fragment. */
const PARAMETER = /([?&#;])([\w.-]+)=([^&#;]*)/g;
/**
 * Parameter names whose values are credentials or personal data: the same words the browser SDK
 * masks (`@shoptel/browser`'s `maskUrl`), so a page reads the same whichever side tracked it.
 */
const PRIVATE_NAME = /token|secret|password|passwd|pwd|auth|key|sig|signature|session|code|email/i;

/** The URL fields of a `user_behavior` record (wire-format.md: "emails and tokens masked"). */
const URL_FIELDS = ['page', 'url', 'referrer'] as const;

/** A URL or path with private parameter values `[redacted]` and e-mail addresses `[email]`. */
export function maskUrl(url: string): string {
  return url
    .replace(PARAMETER, (pair, lead: string, name: string) =>
      PRIVATE_NAME.test(name) ? `${lead}${name}=[redacted]` : pair,
    )
    .replace(EMAIL, '[email]');
}

/**
 * Masks `page`, `url` and `referrer` of a behaviour record in place. Server-side tracking gets its
 * URLs from the app and the `Referer` header, the relay from any page: neither had them masked,
 * although the browser SDK masks its own (an already masked URL stays as it is).
 */
export function maskUrlFields(record: Record<string, unknown>): void {
  for (const field of URL_FIELDS) {
    const value = record[field];
    if (typeof value === 'string') record[field] = maskUrl(value);
  }
}
