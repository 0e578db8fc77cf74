import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';
import { setRequestUser } from '../context/request-context.js';
import { createShoptel } from '../shoptel/create-shoptel.js';

const dev = useDevServer();
const PARENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

describe('middleware', () => {
  it('gives each request an id, a server span under the caller trace, context for logs and one access record', async () => {
    // Ratio 0, parent-based: the sampled parent decides.
    const { shoptel, errors } = dev.shoptel({
      serviceName: 'mw-node',
      tracing: { enabled: true, samplingRate: 0 },
    });
    const middleware = shoptel.middleware({ ignorePaths: ['/healthz'] });
    // A two-step chain as Express runs it: our middleware, then a route handler that awaits.
    const app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
      middleware(req, res, async () => {
        if (req.url === '/healthz') return res.end('ok');
        (req as { route?: { path: string } }).route = { path: '/orders/:id' };
        await new Promise((resolve) => setTimeout(resolve, 1));
        setRequestUser('u-42', 's-42'); // after "auth"
        shoptel.logger.logOrderEvent('o-mw', 'viewed');
        res.statusCode = req.url?.includes('missing') ? 404 : 200;
        res.end('done');
      });
    });
    const first = await fetch(`${app.url}/orders/1?x=1`, {
      headers: {
        traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01`,
        'x-request-id': 'req-from-lb',
        'user-agent': 'test-agent',
      },
    });
    await first.text();
    expect(first.headers.get('x-request-id')).toBe('req-from-lb');
    const second = await fetch(`${app.url}/orders/missing`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    await second.text();
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await (await fetch(`${app.url}/healthz`)).text();
    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const access = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('application_logs')} WHERE service = ${'mw-node'} ORDER BY status`,
    );
    expect(access).toHaveLength(2);
    expect(access[0]).toMatchObject({
      type: 'access',
      level: 'INFO',
      method: 'GET',
      path: '/orders/1',
      route: '/orders/:id',
      status: 200,
      request_id: 'req-from-lb',
      user_id: 'u-42',
      session_id: 's-42',
      user_agent: 'test-agent',
      ip: '127.0.0.1',
      trace_id: PARENT_TRACE,
    });
    expect(access[1]).toMatchObject({
      status: 404,
      level: 'WARN',
      request_id: second.headers.get('x-request-id'),
    });
    // No sampled parent and ratio 0: the ids still correlate the records, but no span is stored.
    expect(access[1]!.trace_id).toMatch(/^[0-9a-f]{32}$/);
    const unsampled = await dev.rows(
      sql`SELECT span_id FROM ${sql.id('traces')} WHERE trace_id = ${access[1]!.trace_id as string}`,
      'traces',
    );
    expect(unsampled).toEqual([]);

    const [log] = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('business_events')} WHERE order_id = ${'o-mw'} AND request_id = ${'req-from-lb'}`,
    );
    expect(log).toMatchObject({ user_id: 'u-42', session_id: 's-42', trace_id: PARENT_TRACE });
    const [span] = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('traces')} WHERE trace_id = ${PARENT_TRACE}`,
      'traces',
    );
    expect(span).toMatchObject({
      operation_name: 'GET /orders/:id',
      reference_parent_span_id: PARENT_SPAN,
      span_id: log!.span_id,
      http_request_method: 'GET',
      http_route: '/orders/:id',
      http_response_status_code: '200',
      url_path: '/orders/1',
    });
  });

  it('wraps Fetch-style handlers, including one that throws', async () => {
    const shoptel = createShoptel({ url: dev.url, auth: AUTH, serviceName: 'mw-fetch' });
    const handler = shoptel.middleware().fetch(async (request: Request) => {
      if (request.url.endsWith('/boom')) throw new Error('handler failed');
      shoptel.logger.logUserAction('browse', 'u-f');
      return new Response('hi', { status: 201 });
    });
    const response = await handler(
      new Request('http://shop.example/cart', { headers: { 'x-request-id': 'f-1' } }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('f-1');
    await expect(handler(new Request('http://shop.example/boom'))).rejects.toThrow('handler failed');
    await shoptel.shutdown();

    const access = await dev.rows<Record<string, unknown>>(
      sql`SELECT path, status, request_id, error FROM ${sql.id('application_logs')} WHERE service = ${'mw-fetch'} ORDER BY status`,
    );
    expect(access).toMatchObject([
      { path: '/cart', status: 201, request_id: 'f-1' },
      { path: '/boom', status: 500, error: 'handler failed' },
    ]);
    const [log] = await dev.rows<Record<string, unknown>>(
      sql`SELECT request_id FROM ${sql.id('business_events')} WHERE service = ${'mw-fetch'}`,
    );
    expect(log!.request_id).toBe('f-1');
  });
});
