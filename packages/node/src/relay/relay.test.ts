import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from '@shoptel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { startHttpServer, type TestHttpServer } from '../../test/http-server.js';
import { createShoptel, type Shoptel } from '../shoptel/create-shoptel.js';
import { SDK_VERSION } from '../version.js';
import type { RelayOptions } from './relay-options.js';

const dev = useDevServer();
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';
let app: TestHttpServer | undefined;
let shoptel: Shoptel | undefined;
afterEach(async () => {
  await app?.close();
  await shoptel?.shutdown();
  app = undefined;
  shoptel = undefined;
});

async function startRelay(service: string, options: RelayOptions = {}) {
  const started = dev.shoptel({ serviceName: service });
  shoptel = started.shoptel;
  const errors = started.errors;
  const relay = shoptel.relay(options);
  app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => relay(req, res));
  return { errors, relay, url: `${app.url}/t` };
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/plain', 'user-agent': FIREFOX, ...headers },
  });

const event = (fields: Record<string, unknown>) =>
  JSON.stringify({ session_id: 's-r', source: 'auto', ...fields });

describe('relay', () => {
  it('accepts a browser batch, stores the good events enriched, rejects the malformed one by index', async () => {
    const { url, errors } = await startRelay('relay-batch', { allowedOrigins: ['https://shop.example'] });
    const body = [
      event({
        event_type: 'PAGE_VIEW',
        page: '/p/1',
        event_id: '0190a0b0-0000-7000-8000-000000000001',
        event_time: new Date(Date.now() - 2000).toISOString(),
      }),
      event({
        event_type: 'CART_ADD',
        product_id: 'sku-1',
        price: 9.5,
        quantity: 2,
        currency: 'EUR',
        items: [{ product_id: 'sku-1', price: 9.5, quantity: 2 }],
      }),
      event({ event_type: 'TELEPORT', page: '/x' }),
    ].join('\n');
    const response = await post(url, body, { origin: 'https://shop.example' });
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const answer = await response.json();
    expect(answer).toEqual({
      accepted: 2,
      rejected: [{ index: 2, reason: expect.stringContaining('event_type must be one of') }],
    });
    await shoptel!.shutdown();
    expect(errors).toEqual([]);

    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('user_behavior')} WHERE service = ${'relay-batch'} ORDER BY event_type`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      event_type: 'PAGE_VIEW',
      event_id: '0190a0b0-0000-7000-8000-000000000001',
      ip: '127.0.0.1',
      browser: 'Firefox',
      os: 'Linux',
      device_type: 'desktop',
      source: 'auto',
      user_agent: FIREFOX,
    });
    expect(rows[0]).toMatchObject({ event_type: 'CART_ADD', price: 9.5, quantity: 2, currency: 'EUR' });
    expect(JSON.parse(rows[0]!.items as string)).toEqual([{ product_id: 'sku-1', price: 9.5, quantity: 2 }]);
  });

  it('stores a resent event once: repeats of a recent event_id are accepted and dropped', async () => {
    const { url, errors } = await startRelay('relay-dedupe');
    const line = (id: string, page: string) =>
      event({ event_type: 'PAGE_VIEW', page, event_id: `0190a0b0-0000-7000-8000-00000000000${id}` });
    const first = await post(url, [line('1', '/a'), line('2', '/b')].join('\n'));
    // The page-exit beacon that may not have gone, resent with a new event on the next page.
    const resent = await post(url, [line('2', '/b'), line('3', '/c'), line('3', '/c')].join('\n'));
    expect(await first.json()).toEqual({ accepted: 2, rejected: [] });
    expect(await resent.json()).toEqual({ accepted: 3, rejected: [] });
    await shoptel!.shutdown();
    expect(errors).toEqual([]);
    const rows = await dev.rows<{ page: string }>(
      sql`SELECT page FROM ${sql.id('user_behavior')} WHERE service = ${'relay-dedupe'} ORDER BY page`,
    );
    expect(rows.map((row) => row.page)).toEqual(['/a', '/b', '/c']);
  });

  it("stores the browser SDK's stamp, and the relay's own for events that carry none", async () => {
    const { url, errors } = await startRelay('relay-sdk');
    const body = [
      event({ event_type: 'PAGE_VIEW', page: '/browser', sdk: 'shoptel-browser/0.1.0' }),
      event({ event_type: 'PAGE_VIEW', page: '/plain' }),
      event({ event_type: 'PAGE_VIEW', page: '/spoofed', sdk: 'shoptel-node/9.9.9' }),
    ].join('\n');
    const response = await post(url, body);
    expect(await response.json()).toEqual({
      accepted: 2,
      rejected: [{ index: 2, reason: 'sdk must be shoptel-browser/<version>' }],
    });
    await shoptel!.shutdown();
    expect(errors).toEqual([]);
    const rows = await dev.rows<{ page: string; sdk: string }>(
      sql`SELECT page, sdk FROM ${sql.id('user_behavior')} WHERE service = ${'relay-sdk'} ORDER BY page`,
    );
    expect(rows.map(({ page, sdk }) => ({ page, sdk }))).toEqual([
      { page: '/browser', sdk: 'shoptel-browser/0.1.0' },
      { page: '/plain', sdk: `shoptel-node/${SDK_VERSION}` },
    ]);
  });

  it('takes JSON arrays too, and answers 400 for an unreadable body', async () => {
    const { url } = await startRelay('relay-json');
    const ok = await post(
      url,
      `[${event({ event_type: 'SEARCH', search_query: 'mug' })}, {"event_type":"SEARCH"}]`,
    );
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({
      accepted: 1,
      rejected: [{ index: 1, reason: 'session_id is required (a non-empty string)' }],
    });
    for (const bad of ['', '[{"event_type":', 'not json', '{"a":1}\n{"b":']) {
      const response = await post(url, bad);
      if (bad === '{"a":1}\n{"b":') {
        // NDJSON: one readable line (rejected by the schema) and one unreadable line.
        expect(response.status).toBe(202);
        const answer = (await response.json()) as { rejected: { index: number }[] };
        expect(answer.rejected.map((r) => r.index)).toEqual([0, 1]);
      } else {
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: unknown }).error).toBeTypeOf('string');
      }
    }
  });

  it('answers 413 for a 2 MB body', async () => {
    const { url } = await startRelay('relay-size');
    const big = event({ event_type: 'PAGE_VIEW', title: 'x'.repeat(2 * 1024 * 1024) });
    const response = await post(url, big);
    expect(response.status).toBe(413);
    // The same through the Fetch handler, with a streamed body (no Content-Length to trust).
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const request = new Request('http://shop.example/t', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await shoptel!.relay().fetch(request)).status).toBe(413);
  });

  it('answers 429 with Retry-After to a client above its rate, others unaffected', async () => {
    const { url } = await startRelay('relay-rate', {
      rateLimit: { requestsPerSecond: 0.01, burst: 2 },
      allowedOrigins: '*',
    });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    let exposed: string | null = null;
    for (let i = 0; i < 4; i++) {
      const response = await post(url, event({ event_type: 'PAGE_VIEW', page: `/${i}` }), {
        origin: 'https://shop.example',
      });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        exposed = response.headers.get('access-control-expose-headers');
      }
      await response.text();
    }
    expect(statuses).toEqual([202, 202, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // A page on another origin may read it: CORS hides other headers than the simple ones.
    expect(exposed).toBe('Retry-After');
  });

  it('refuses an origin that is not on the list with 403, and same-origin only by default', async () => {
    const listed = await startRelay('relay-origin', { allowedOrigins: ['https://shop.example'] });
    const refused = await post(listed.url, event({ event_type: 'PAGE_VIEW' }), {
      origin: 'https://evil.example',
    });
    expect(refused.status).toBe(403);
    // The page can read the refusal (the browser tag reports it instead of retrying for ever).
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    await app!.close();
    await shoptel!.shutdown();

    const byDefault = await startRelay('relay-same-origin');
    const host = new URL(byDefault.url).host;
    expect(
      (await post(byDefault.url, event({ event_type: 'PAGE_VIEW' }), { origin: `http://${host}` })).status,
    ).toBe(202);
    expect(
      (await post(byDefault.url, event({ event_type: 'PAGE_VIEW' }), { origin: 'https://other.example' }))
        .status,
    ).toBe(403);
    expect((await fetch(byDefault.url)).status).toBe(405);
  });

  it('same-origin behind a trusted proxy that rewrites Host: the page host is its X-Forwarded-Host', async () => {
    // nginx `proxy_pass http://backend` sends Host: backend and X-Forwarded-Host: shop.example.
    const started = dev.shoptel({ serviceName: 'relay-forwarded-host', trustProxy: 1 });
    shoptel = started.shoptel;
    const relay = shoptel.relay();
    app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => relay(req, res));
    const viaProxy = { origin: 'https://shop.example', 'x-forwarded-host': 'shop.example, inner.proxy' };
    expect((await post(`${app.url}/t`, event({ event_type: 'PAGE_VIEW' }), viaProxy)).status).toBe(202);
    const spoofed = { origin: 'https://evil.example', 'x-forwarded-host': 'shop.example' };
    expect((await post(`${app.url}/t`, event({ event_type: 'PAGE_VIEW' }), spoofed)).status).toBe(403);
    await app.close();
    await shoptel.shutdown();

    // Without trustProxy the header is anyone's to send, so it proves nothing.
    const untrusted = await startRelay('relay-forwarded-untrusted');
    expect((await post(untrusted.url, event({ event_type: 'PAGE_VIEW' }), viaProxy)).status).toBe(403);
  });

  it('works behind a body parser that already read the stream', async () => {
    shoptel = createShoptel({ url: dev.url, auth: AUTH, serviceName: 'relay-parsed' });
    const relay = shoptel.relay();
    app = await startHttpServer((req, res) => {
      // What express.text() does before the relay runs.
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        (req as { body?: string }).body = Buffer.concat(chunks).toString('utf8');
        relay(req, res);
      });
    });
    const response = await post(`${app.url}/t`, event({ event_type: 'SEARCH', search_query: 'cup' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, rejected: [] });
  });

  it('serves Fetch requests with the same rules', async () => {
    shoptel = createShoptel({ url: dev.url, auth: AUTH, serviceName: 'relay-fetch', trustProxy: true });
    const relay = shoptel.relay({ allowedOrigins: '*' });
    const response = await relay.fetch(
      new Request('https://shop.example/t', {
        method: 'POST',
        body: event({ event_type: 'PRODUCT_VIEW', product_id: 'sku-2' }),
        headers: { 'user-agent': FIREFOX, 'x-forwarded-for': '198.51.100.23', origin: 'https://any.example' },
      }),
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, rejected: [] });
    const preflight = await relay.fetch(
      new Request('https://shop.example/t', {
        method: 'OPTIONS',
        headers: { origin: 'https://any.example' },
      }),
    );
    expect(preflight.status).toBe(204);
    await shoptel.shutdown();
    const [row] = await dev.rows<Record<string, unknown>>(
      sql`SELECT ip, browser FROM ${sql.id('user_behavior')} WHERE service = ${'relay-fetch'}`,
    );
    expect(row).toMatchObject({ ip: '198.51.100.23', browser: 'Firefox' });
  });
});
