import { maskUrl } from '../privacy/mask-url.js';

/**
 * `url.full` of a request's span: without the user and password a URL may carry
 * (`https://user:pass@host/`, which XHR accepts and fetch refuses only when it runs), and masked as
 * the event tag masks page URLs (emails, token-like parameter values).
 */
export function spanUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return maskUrl(href);
  }
  url.username = '';
  url.password = '';
  return maskUrl(url.href);
}
