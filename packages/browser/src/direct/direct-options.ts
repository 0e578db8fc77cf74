import type { BrowserOptions } from '../options/browser-options.js';

/**
 * Where `@shoptel/browser/direct` sends: OpenObserve's `POST /api/{org}/{stream}/_json`, with
 * Basic auth of `user:token`. Use an ingestion-only credential (an org ingestion token `o2oi_…`,
 * or a user's ingestion passcode): it is readable by anyone who opens the page.
 */
export interface OpenObserveTarget {
  /** OpenObserve's base URL (http or https), e.g. `https://o2.shop.example`. */
  url: string;
  /** Letters, digits, `_` and `-`. @default 'default' */
  org?: string;
  /** Letters, digits, `_` and `-`. @default 'user_behavior' */
  stream?: string;
  /**
   * The Basic-auth user (printable ASCII, no `:`): ignored for `o2oi_` tokens, the user's email
   * for a passcode. @default org
   */
  user?: string;
  /** The ingestion-only token or passcode (printable ASCII), given at runtime, never built in. */
  token: string;
  /** Written into every record as `service` (the relay would write its own). @default 'storefront' */
  service?: string;
}

/** Options of the direct entry's `init`: the base options plus the OpenObserve target. */
export interface DirectBrowserOptions extends BrowserOptions {
  openobserve: OpenObserveTarget;
}

export interface ResolvedTarget {
  /** The full ingestion URL. */
  endpoint: string;
  authorization: string;
  service: string;
}

const NAME = /^[A-Za-z0-9_-]{1,128}$/;
/** Printable ASCII: what `btoa` can encode and a header can carry. */
const PRINTABLE = /^[\x20-\x7e]+$/;

/**
 * Checks the target once, at start-up; throws a `TypeError` naming the bad field, never its value
 * (one short sentence for all fields keeps the script tag small; the rules are on the fields).
 */
export function resolveTarget(target: OpenObserveTarget | undefined): ResolvedTarget {
  const check = (field: string, ok: boolean) => {
    if (!ok) throw new TypeError(`shoptel: openobserve${field && `.${field}`} is invalid`);
  };
  check('', typeof target === 'object' && target !== null);
  const { url, org = 'default', stream = 'user_behavior', token, service = 'storefront' } = target!;
  const user = target!.user ?? org;
  check('url', typeof url === 'string' && /^https?:\/\/[^/?#\s]+/i.test(url));
  // (The name rule alone refuses what is no string: an object reads as `[object Object]`.)
  check('org', NAME.test(org));
  check('stream', NAME.test(stream));
  check('user', typeof user === 'string' && PRINTABLE.test(user) && !user.includes(':'));
  check('token', typeof token === 'string' && PRINTABLE.test(token));
  check('service', typeof service === 'string' && service !== '');
  return {
    endpoint: `${url.replace(/\/+$/, '')}/api/${org}/${stream}/_json`,
    authorization: `Basic ${btoa(`${user}:${token}`)}`,
    service,
  };
}
