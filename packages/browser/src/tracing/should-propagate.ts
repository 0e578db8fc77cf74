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
    typeof rule === 'string' ? target.href.startsWith(rule) : rule.test(target.href),
  );
}
