import { maskUrl } from '../privacy/mask-url.js';

/** The page an event happens on, as it goes on the wire. */
export interface PageContext {
  page: string;
  url: string;
  title?: string;
  /** Unmasked, for the session's UTM parameters. */
  search: string;
  origin: string;
  referrer: string;
}

/** `document.title` is re-read at most this often on one URL (SPAs set it after navigating). */
const TITLE_TTL_MS = 1000;

/**
 * The page's fields, computed once per URL (and title once a second) rather than per event:
 * masking and the DOM reads are most of an event's cost in a burst. `href` is the page of the
 * call: an SPA may have routed on since, and then its title is no longer on the document.
 */
export function createPageContext(): (nowMs: number, href: string) => PageContext {
  let cachedHref = '';
  let readMs = 0;
  let context: PageContext | undefined;
  return (nowMs, href) => {
    if (context && href === cachedHref && nowMs - readMs < TITLE_TTL_MS) return context;
    if (!context || href !== cachedHref) {
      cachedHref = href;
      const at = new URL(href);
      context = {
        page: maskUrl(at.pathname).slice(0, 2048),
        url: maskUrl(href).slice(0, 4096),
        search: at.search,
        origin: at.origin,
        referrer: document.referrer,
      };
    }
    readMs = nowMs;
    // Account pages put the shopper's email in the title.
    if (href === location.href) context.title = maskUrl(document.title).slice(0, 512) || undefined;
    return context;
  };
}
