/**
 * Origins a devserver answers CORS requests from when none are configured: pages served from
 * this machine, on any port. A page on any other site gets no grant, so it cannot read a running
 * devserver with OpenObserve's well-known quick-start credentials.
 */
export const DEFAULT_CORS_ORIGINS: readonly string[] = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
];

/** Allows every origin (`Access-Control-Allow-Origin: *`, no credentials); only when named. */
export const ANY_ORIGIN = '*';

/**
 * The allowed origins: the loopback defaults plus `extra`, each written as `scheme://host[:port]`
 * or `scheme://host:*` (any port, or none). As OpenObserve does for `ZO_WEB_URL` and
 * `ZO_CORS_ALLOWED_ORIGINS` (`is_origin_allowed` in `src/api/http/src/handler/http/router/mod.rs`),
 * a path or trailing `/` is dropped, since an `Origin` header never carries one. Throws on a
 * value that is not an origin, naming it.
 */
export function resolveCorsOrigins(extra: string | readonly string[] | undefined): string[] {
  const listed = (typeof extra === 'string' ? extra.split(',') : [...(extra ?? [])])
    .map((o) => o.trim())
    .filter(Boolean);
  const origins = new Set(DEFAULT_CORS_ORIGINS);
  for (const value of listed) origins.add(value === ANY_ORIGIN ? ANY_ORIGIN : toOriginPattern(value));
  return [...origins];
}

const ORIGIN = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]+?)(?:[/?#].*)?$/i;

function toOriginPattern(value: string): string {
  const match = ORIGIN.exec(value);
  if (!match || match[2] === '*' || match[2]!.includes('@'))
    throw new Error(
      `corsOrigin: "${value}" is not an origin (write scheme://host[:port], scheme://host:* or *)`,
    );
  return `${match[1]!.toLowerCase()}${match[2]!.toLowerCase()}`;
}

/**
 * Whether `origin` (an `Origin` header) matches one of `patterns` (`*` aside): exactly, ignoring
 * case, or with any port (or none) for a `:*` pattern. `null` (sandboxed or file pages) never does.
 */
export function isOriginListed(origin: string, patterns: readonly string[]): boolean {
  const wanted = origin.toLowerCase();
  return patterns.some((pattern) => {
    if (pattern === wanted) return true;
    if (!pattern.endsWith(':*')) return false;
    const base = pattern.slice(0, -2);
    return wanted === base || (wanted.startsWith(`${base}:`) && /^\d+$/.test(wanted.slice(base.length + 1)));
  });
}
