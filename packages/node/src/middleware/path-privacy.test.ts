import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';

const dev = useDevServer();

describe('middleware: e-mail addresses in the path', () => {
  it('are masked in the access record and the server span, as user_behavior URLs are', async () => {
    const { shoptel, errors } = dev.shoptel({
      serviceName: 'mw-path-privacy',
      tracing: { enabled: true, samplingRate: 1 },
    });
    const middleware = shoptel.middleware();
    const app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
      middleware(req, res, () => res.end('ok'));
    });
    await (await fetch(`${app.url}/users/jane.doe@example.com/orders?page=2`)).text();
    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const access = await dev.rows<Record<string, unknown>>(
      sql`SELECT path, message FROM ${sql.id('application_logs')} WHERE service = ${'mw-path-privacy'}`,
    );
    expect(access).toMatchObject([
      { path: '/users/[email]/orders', message: 'GET /users/[email]/orders 200' },
    ]);
    const spans = await dev.rows<Record<string, unknown>>(
      sql`SELECT url_path FROM ${sql.id('traces')} WHERE service_name = ${'mw-path-privacy'}`,
      'traces',
    );
    expect(spans).toMatchObject([{ url_path: '/users/[email]/orders' }]);
  });
});
