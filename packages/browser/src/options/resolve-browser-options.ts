import type { AutoCaptureOptions, BrowserOptions, ResolvedBrowserOptions } from './browser-options.js';

export const DEFAULT_ENDPOINT = '/shoptel';
export const DEFAULT_MAX_BATCH_EVENTS = 30;
/** DataDog's per-request cap: several SDKs' exit beacons fit the shared 64 KiB keepalive budget. */
export const DEFAULT_MAX_BATCH_BYTES = 16 * 1024;
export const DEFAULT_FLUSH_INTERVAL_MS = 5000;
export const DEFAULT_RECORD_DELAY_MS = 1000;
/** In memory: a burst of thousands of calls in one task is kept whole until it can be sent. */
export const DEFAULT_MAX_QUEUE_EVENTS = 10_000;
export const DEFAULT_MAX_QUEUE_BYTES = 8 * 1024 * 1024;
/** In localStorage (Snowplow's bound): beyond it the oldest stored events go first. */
export const DEFAULT_MAX_STORED_EVENTS = 1000;
export const DEFAULT_MAX_STORED_BYTES = 1024 * 1024;
export const DEFAULT_SESSION_TIMEOUT_MS = 30 * 60 * 1000;
export const DEFAULT_SESSION_MAX_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_SEARCH_PARAMS = ['q', 'query', 'search', 's'];

/** The numeric options with their defaults: each a number > 0 (`recordDelayMs` may be 0). */
const COUNTS = {
  maxBatchEvents: DEFAULT_MAX_BATCH_EVENTS,
  maxBatchBytes: DEFAULT_MAX_BATCH_BYTES,
  flushIntervalMs: DEFAULT_FLUSH_INTERVAL_MS,
  recordDelayMs: DEFAULT_RECORD_DELAY_MS,
  maxQueueEvents: DEFAULT_MAX_QUEUE_EVENTS,
  maxQueueBytes: DEFAULT_MAX_QUEUE_BYTES,
  maxStoredEvents: DEFAULT_MAX_STORED_EVENTS,
  maxStoredBytes: DEFAULT_MAX_STORED_BYTES,
  sessionTimeoutMs: DEFAULT_SESSION_TIMEOUT_MS,
  sessionMaxMs: DEFAULT_SESSION_MAX_MS,
};

/**
 * The start-up error naming the option (the only errors shoptel throws). What each option takes
 * is in its type and the README: sentences for all of them would be ~0.1 KB of the tag.
 */
const invalid = (name: string) => new TypeError(`shoptel: ${name} is invalid`);

/** The automatic captures, each switchable. */
export const CAPTURES = ['pageViews', 'productViews', 'search', 'cart', 'checkout', 'dataLayer'] as const;

/**
 * Fills the defaults once and checks what a typo would silently break; throws a `TypeError`
 * naming the option (start-up errors are the only ones shoptel throws). `base` is what a path
 * `endpoint` is taken against: the page's URL (a server render, which has none, checks the
 * options against a stand-in).
 */
export function resolveBrowserOptions(
  options: BrowserOptions = {},
  base = location.href,
): ResolvedBrowserOptions {
  const counts = {} as typeof COUNTS;
  // Own keys only, here and below: a page that added to `Object.prototype` must not break init.
  for (const name of Object.keys(COUNTS)) {
    const key = name as keyof typeof COUNTS;
    const zero = key === 'recordDelayMs';
    const value = options[key] ?? COUNTS[key];
    if (typeof value !== 'number' || !(value > 0 || (zero && value === 0))) throw invalid(name);
    counts[key] = value;
  }
  const patterns = (name: 'checkoutUrlPatterns' | 'purchaseUrlPatterns'): RegExp[] => {
    try {
      // (A `RegExp` is copied as it is; one string, not in a list, fails at `map`.)
      return (options[name] ?? []).map((p) => new RegExp(p));
    } catch {
      // The engine's SyntaxError or TypeError names neither the option nor shoptel.
      throw invalid(name);
    }
  };
  const auto = options.autoCapture ?? true;
  // A misspelt capture would otherwise be ignored (or, in a tag's list, switch every capture off).
  for (const name of Object.keys(auto))
    if (!CAPTURES.includes(name as never)) throw invalid(`autoCapture.${name}`);
  const capture = {} as Required<AutoCaptureOptions>;
  for (const name of CAPTURES) capture[name] = typeof auto === 'boolean' ? auto : auto[name] !== false;
  const consent = options.consent ?? 'granted';
  if (consent !== 'granted' && consent !== 'pending' && consent !== 'denied') throw invalid('consent');
  let endpoint: string;
  try {
    // Absolute, against the page's URL, once: `fetch` and `sendBeacon` would resolve a path
    // against a `<base href>` (often a CDN's), the delivery worker against its `blob:` URL.
    endpoint = new URL(options.endpoint ?? DEFAULT_ENDPOINT, base).href;
    // `fetch` and `sendBeacon` refuse anything else, so every batch would fail, in silence.
    if (!/^https?:/.test(endpoint)) throw 0;
  } catch {
    throw invalid('endpoint');
  }
  const currency = options.currency;
  // (Tested before `toUpperCase`, which a number from plain JavaScript does not have.)
  if (currency !== undefined && !/^[A-Z]{3}$/i.test(currency)) throw invalid('currency');
  return {
    endpoint,
    capture,
    consent,
    respectDoNotTrack: options.respectDoNotTrack ?? false,
    currency: currency?.toUpperCase(),
    searchParams: options.searchParams ?? DEFAULT_SEARCH_PARAMS,
    trackQueryChanges: options.trackQueryChanges ?? false,
    checkoutUrlPatterns: patterns('checkoutUrlPatterns'),
    purchaseUrlPatterns: patterns('purchaseUrlPatterns'),
    ...counts,
    beforeSend: options.beforeSend,
    onError: options.onError,
  };
}
