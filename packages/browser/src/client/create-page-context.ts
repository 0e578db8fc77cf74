import { maskAndCut } from '../privacy/mask-url.js';

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

/**
 * The page's fields, computed once per URL (and the title once per title) rather than per event:
 * masking and the DOM reads are most of an event's cost in a burst. `href` and `title` are those
 * of the call, read when it was made: an SPA may have routed on since, and the document then
 * holds another page's title.
 */
export function createPageContext(): (href: string, title: string) => PageContext {
  let cachedHref = '';
  let cachedTitle: string | undefined;
  let context: PageContext;
  return (href, title) => {
    if (href !== cachedHref) {
      cachedHref = href;
      cachedTitle = undefined;
      const at = new URL(href);
      context = {
        page: maskAndCut(at.pathname, 2048),
        url: maskAndCut(href, 4096),
        search: at.search,
        origin: at.origin,
        referrer: document.referrer,
      };
    }
    if (title !== cachedTitle) {
      cachedTitle = title;
      // Account pages put the shopper's email in the title.
      context.title = maskAndCut(title, 512) || undefined;
    }
    return context;
  };
}
