import { maskUrl } from '../privacy/mask-url.js';

/** The page an event happens on, as it goes on the wire. */
export interface PageContext {
  page: string;
  url: string;
  title: string | undefined;
  /** Unmasked, for the session's UTM parameters. */
  search: string;
  origin: string;
  referrer: string;
}

/** `document.title` is re-read at most this often on one URL (SPAs set it after navigating). */
const TITLE_TTL_MS = 1000;

/**
 * The current page's fields, computed once per URL (and title once a second) rather than per
 * event: masking and the DOM reads are most of an event's cost in a burst.
 */
export function createPageContext(): (nowMs: number) => PageContext {
  let href = '';
  let readMs = 0;
  let context: PageContext | undefined;
  return (nowMs) => {
    if (context && location.href === href && nowMs - readMs < TITLE_TTL_MS) return context;
    if (!context || location.href !== href) {
      href = location.href;
      context = {
        page: maskUrl(location.pathname).slice(0, 2048),
        url: maskUrl(href).slice(0, 4096),
        title: undefined,
        search: location.search,
        origin: location.origin,
        referrer: document.referrer,
      };
    }
    readMs = nowMs;
    // Account pages put the shopper's email in the title.
    context.title = maskUrl(document.title).slice(0, 512) || undefined;
    return context;
  };
}
