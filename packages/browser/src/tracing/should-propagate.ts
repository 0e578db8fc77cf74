/**
 * Whether a request to `url` may carry `traceparent`: same-origin requests, and those matching the
 * allow-list (a header to another origin without CORS permission would break the request).
 */
export function shouldPropagate(url: string, allowed: (string | RegExp)[]): boolean {
  let target: URL;
  try {
    target = new URL(url, document.baseURI);
  } catch {
    return false;
  }
  if (target.origin === location.origin) return true;
  return allowed.some((rule) =>
    typeof rule === 'string' ? matchesPrefix(target.href, rule) : matchesPattern(target.href, rule),
  );
}

/** Ends the scheme and the host (and port) of a URL: `/`, `?`, `#`, or nothing more. */
const AUTHORITY_END = /^(?:$|[/?#])/;

/**
 * `href` starts with `prefix`; a prefix that stops inside the host or port (an origin written
 * without its `/`, as `https://api.shop.example`) must end it there, so it does not match
 * `https://api.shop.example.evil.net` or port `30001` for `:3000`.
 */
function matchesPrefix(href: string, prefix: string): boolean {
  if (!href.startsWith(prefix)) return false;
  const stopsInAuthority = !prefix.slice(prefix.indexOf('//') + 2).includes('/');
  return !stopsInAuthority || AUTHORITY_END.test(href.slice(prefix.length));
}

/** `rule.test(href)` from the start: a `g` or `y` pattern keeps `lastIndex` between calls. */
function matchesPattern(href: string, rule: RegExp): boolean {
  rule.lastIndex = 0;
  return rule.test(href);
}
