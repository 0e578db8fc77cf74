import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sendBody } from '../http/send-response.js';
import type { RequestInfo } from '../server/server-context.js';

// tsup copies `src/page/public/` next to the bundle (`publicDir`): the page sits beside the
// bundled module in `dist/`, and in `public/` beside this file when run from the sources.
const PAGE_LOCATIONS = ['./home-page.html', './public/home-page.html'];
let page: Promise<string> | undefined;

async function loadPage(): Promise<string> {
  for (const location of PAGE_LOCATIONS) {
    try {
      return await readFile(new URL(location, import.meta.url), 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
  }
  throw new Error('home-page.html is missing from the devserver package');
}

/**
 * `GET /`: a page to query and chart what arrived, like OpenObserve's logs page: a SQL box with a
 * stream preselected, a time range, a chart of `histogram(_timestamp)` drawn as SVG, results with
 * local times and JSON cells that expand on click, each stream's fields and types, and errors
 * with their code and message. One HTML file with its script and styles inline (no external
 * asset); the script talks to the same `/api/{org}/streams` and `/_search` a client would, with
 * the Basic credentials the browser asked for. Its script runs only with this answer's nonce.
 */
export async function renderHomePage(info: RequestInfo): Promise<void> {
  page ??= loadPage().catch((error: unknown) => {
    page = undefined;
    throw error;
  });
  const nonce = randomBytes(16).toString('base64');
  const html = (await page).replace('__NONCE__', nonce);
  sendBody(info.response, 200, 'text/html; charset=utf-8', html, {
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
}
