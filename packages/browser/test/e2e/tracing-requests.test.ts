// @vitest-environment node
// The tracing script tag against requests a storefront really makes, in Chromium: each request
// behaves as without tracing (same headers, same errors), traceparent goes to the shop's origin
// only, and the spans say what happened. Real servers record what arrives: the shop (its API and
// an OTLP collector route) and a third-party origin.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';

const BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'shoptel.tracing.global.js');
const APP_TRACEPARENT = '00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-01';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface OtlpSpan {
  traceId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}

let browser: Browser;
const servers: Server[] = [];
let shopUrl: string;
let thirdUrl: string;
const shopRequests: Recorded[] = [];
const thirdRequests: Recorded[] = [];
const pages = new Map<string, string>();

/** A server recording every request, answering JSON (and CORS-open, for the third party). */
async function startRecorder(
  recorded: Recorded[],
  route: (request: Recorded) => { type: string; body: string | Buffer } | undefined,
): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      const page = route(request);
      if (!page) recorded.push(request);
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'content-type': page?.type ?? 'application/json',
      });
      res.end(page?.body ?? JSON.stringify({ traceparent: req.headers.traceparent ?? null }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  shopUrl = await startRecorder(shopRequests, ({ path }) => {
    if (path === '/shoptel.tracing.global.js') return { type: 'text/javascript', body: readFileSync(BUNDLE) };
    const html = pages.get(path);
    return html === undefined ? undefined : { type: 'text/html; charset=utf-8', body: html };
  });
  thirdUrl = await startRecorder(thirdRequests, () => undefined);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
beforeEach(() => {
  shopRequests.length = 0;
  thirdRequests.length = 0;
});

/** Opens a page with the tracing tag (exporting to the shop's `/v1/traces`) after `head`. */
async function open(path: string, head = '', after = ''): Promise<Page> {
  pages.set(
    path,
    `<!doctype html><html><head>${head}<script src="${shopUrl}/shoptel.tracing.global.js"></script>
<script>window.tracing = shoptelTracing.startTracing({ exportUrl: '${shopUrl}/v1/traces' });</script>${after}
</head><body><iframe src="${shopUrl}/frame"></iframe></body></html>`,
  );
  pages.set('/frame', '<!doctype html><p>frame</p>');
  const page = await browser.newPage();
  await page.goto(`${shopUrl}${path}`);
  return page;
}

/** What the page exported to `/v1/traces` so far (after a flush). */
async function exportedSpans(page: Page): Promise<OtlpSpan[]> {
  await page.evaluate(() => (window as unknown as { tracing: { flush(): Promise<void> } }).tracing.flush());
  return shopRequests
    .filter((r) => r.path === '/v1/traces')
    .flatMap((r) =>
      (
        JSON.parse(r.body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }
      ).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
    );
}
const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

describe('tracing in Chromium, request by request', () => {
  it("reads a Request made by an iframe as fetch does: its headers kept, a third party's left alone", async () => {
    const page = await open('/frames');
    await page.evaluate(async (third) => {
      const frame = (document.querySelector('iframe') as HTMLIFrameElement).contentWindow;
      const FrameRequest = (frame as unknown as { Request: typeof Request }).Request;
      await fetch(new FrameRequest('/api/frame', { headers: { 'x-app': 'kept' } }));
      await fetch(new FrameRequest(`${third}/widget`));
    }, thirdUrl);
    const frame = shopRequests.find((r) => r.path === '/api/frame')!;
    expect(frame.headers['x-app']).toBe('kept');
    expect(frame.headers.traceparent).toMatch(/^00-/);
    // No header, so no CORS preflight the third party never asked for.
    expect(thirdRequests.map((r) => `${r.method} ${r.path} ${r.headers.traceparent}`)).toEqual([
      'GET /widget undefined',
    ]);
    await page.close();
  });

  it('gives no traceparent to another origin a <base href> points relative URLs at', async () => {
    const page = await open('/based', `<base href="${thirdUrl}/cdn/">`);
    await page.evaluate(async () => {
      await fetch('prices.json');
      await new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', 'stock.json');
        xhr.onloadend = resolve;
        xhr.send();
      });
    });
    expect(thirdRequests.map((r) => `${r.method} ${r.path} ${r.headers.traceparent}`)).toEqual([
      'GET /cdn/prices.json undefined',
      'GET /cdn/stock.json undefined',
    ]);
    await page.close();
  });

  it('keeps every header when the page wrapped fetch before it and spreads init.headers (a CSRF wrapper)', async () => {
    const wrapper = `<script>(() => { const next = window.fetch;
window.fetch = (url, options = {}) => next(url, { ...options, headers: { ...options.headers, 'x-csrf': 't' } }); })();</script>`;
    const page = await open('/wrapped-before', wrapper);
    await page.evaluate(async () => {
      await fetch('/api/object', { headers: { 'x-app': 'object' } });
      await fetch('/api/plain');
    });
    const headersOf = (path: string) => {
      const { headers } = shopRequests.find((r) => r.path === path)!;
      return [headers['x-app'], headers['x-csrf'], /^00-/.test(String(headers.traceparent))];
    };
    expect(headersOf('/api/object')).toEqual(['object', 't', true]);
    expect(headersOf('/api/plain')).toEqual([undefined, 't', true]);
    await page.close();
  });

  it('lets fetch reject arguments it refuses, as without tracing, instead of throwing', async () => {
    const page = await open('/refused');
    const outcomes = await page.evaluate(() => {
      const outcome = (call: () => Promise<unknown>) => {
        try {
          return call().then(
            () => 'resolved',
            (error: Error) => `rejected ${error.name}`,
          );
        } catch (error) {
          return `threw ${(error as Error).name}`;
        }
      };
      const used = new Request('/api/used', { method: 'POST', body: 'x' });
      return used
        .text()
        .then(() =>
          Promise.all([
            outcome(() => fetch('/api/bad', { headers: { 'bad name': 'x' } })),
            outcome(() => fetch(used)),
            outcome(() => fetch('/api/null', { headers: null as unknown as HeadersInit })),
          ]),
        );
    });
    expect(outcomes).toEqual(['rejected TypeError', 'rejected TypeError', 'rejected TypeError']);
    await page.close();
  });

  it("keeps the app's own traceparent, on fetch and on XHR (never two values in one header)", async () => {
    const page = await open('/own-trace');
    await page.evaluate(async (traceparent) => {
      await fetch('/api/fetch-own', { headers: { traceparent } });
      await new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', '/api/xhr-own');
        xhr.setRequestHeader('traceparent', traceparent);
        xhr.onloadend = resolve;
        xhr.send();
      });
    }, APP_TRACEPARENT);
    expect(shopRequests.find((r) => r.path === '/api/fetch-own')!.headers.traceparent).toBe(APP_TRACEPARENT);
    expect(shopRequests.find((r) => r.path === '/api/xhr-own')!.headers.traceparent).toBe(APP_TRACEPARENT);
    // The storefront's spans of these requests join the app's trace.
    const spans = await exportedSpans(page);
    expect(spans.map((span) => [span.traceId, span.parentSpanId])).toEqual([
      ['a'.repeat(32), 'b'.repeat(16)],
      ['a'.repeat(32), 'b'.repeat(16)],
    ]);
    await page.close();
  });

  it("records each request's own status on an XHR the app reuses when the last one is done", async () => {
    const page = await open('/reuse');
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          // A poller: the next request opened from the handler of the last one.
          const xhr = new XMLHttpRequest();
          let left = 2;
          xhr.onload = () => {
            if (--left === 0) return resolve();
            xhr.open('GET', '/api/poll-2');
            xhr.send();
          };
          xhr.open('GET', '/api/poll-1');
          xhr.send();
        }),
    );
    const spans = await exportedSpans(page);
    expect(
      spans
        .map((span) => `${attribute(span, 'url.full')} ${attribute(span, 'http.response.status_code')}`)
        .sort(),
    ).toEqual([`${shopUrl}/api/poll-1 200`, `${shopUrl}/api/poll-2 200`]);
    await page.close();
  });

  it("leaves a URL's user and password out of the span (XHR sends them, fetch refuses them)", async () => {
    const page = await open('/credentials');
    const withPassword = `${shopUrl.replace('http://', 'http://jane:pa55word@')}/api/account`;
    await page.evaluate(async (url) => {
      await new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', url);
        xhr.onloadend = resolve;
        xhr.send();
      });
      await fetch(url).catch(() => undefined);
    }, withPassword);
    const spans = await exportedSpans(page);
    expect(spans.map((span) => attribute(span, 'url.full'))).toEqual([
      `${shopUrl}/api/account`,
      `${shopUrl}/api/account`,
    ]);
    await page.close();
  });

  it('never traces its own export requests when the page wraps fetch after it (an error tracker)', async () => {
    const wrapper = `<script>(() => { const next = window.fetch;
window.fetch = function trackerFetch() { return next.apply(this, arguments); }; })();</script>`;
    const page = await open('/wrapped-after', '', wrapper);
    await page.evaluate(() => fetch('/api/cart', { method: 'POST', body: '{}' }));
    await exportedSpans(page);
    await page.evaluate(() => fetch('/api/stock'));
    const spans = await exportedSpans(page);
    expect(spans.map((span) => attribute(span, 'url.full'))).toEqual([
      `${shopUrl}/api/cart`,
      `${shopUrl}/api/stock`,
    ]);
    expect(shopRequests.filter((r) => r.path === '/v1/traces').every((r) => !r.headers.traceparent)).toBe(
      true,
    );
    await page.close();
  });
});
