/** An email, also percent-encoded (`%40`, `%2B` in its name), anywhere in a URL. */
const EMAIL = /[\w.+%-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+/gi;
/**
 * Query/fragment parameters whose values are credentials or personal data: a name only has to
 * contain one of these (`passw` finds `password` and `passwd`, `sig` finds `signature`).
 */
const SECRET_PARAM =
  /([?&#;](?:[\w.-]*(?:token|secret|passw|pwd|auth|key|sig|session|code|email)[\w.-]*)=)[^&#;]*/gi;

/**
 * Masks emails and token-like parameter values in a URL or path before it leaves the page
 * (password-reset links, magic-login tokens and newsletter `?email=` links end up in analytics
 * otherwise). Names stay, so the page can still be grouped. Also used on the page title and the
 * search query, free text where an email shows up as often.
 */
export function maskUrl(url: string): string {
  return url.replace(SECRET_PARAM, '$1[redacted]').replace(EMAIL, '[email]');
}

/**
 * `maskUrl`, then cut to the relay's bound for the field: after masking, which can make a text
 * longer (`[redacted]` for a short value), so that what is sent is never refused for its length.
 */
/** (A page view's overrides from plain JavaScript may be numbers: read as text.) */
export const maskAndCut = (text: unknown, max: number): string => maskUrl(String(text)).slice(0, max);
