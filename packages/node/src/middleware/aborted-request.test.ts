import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';

const dev = useDevServer();

describe('middleware: a request the client gave up on', () => {
  it('is not logged as a 200 that was never sent: 499 (client closed request), aborted, WARN', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'mw-abort' });
    const middleware = shoptel.middleware();
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
      res.once('close', () => setImmediate(closed));
      middleware(req, res, () => {
        if (req.url === '/stream') res.write('partial'); // headers sent, body never finished
        // a stuck handler: nothing more is written
      });
    });
    for (const path of ['/stuck', '/stream']) {
      const gaveUp = new AbortController();
      const response = fetch(`${app.url}${path}`, { signal: gaveUp.signal });
      if (path === '/stream') (await response).body?.getReader().read();
      await new Promise((resolve) => setTimeout(resolve, 50));
      gaveUp.abort();
      await response.catch(() => {});
    }
    await serverSawClose;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const access = await dev.rows<Record<string, unknown>>(
      sql`SELECT path, status, level, aborted, message FROM ${sql.id('application_logs')} WHERE service = ${'mw-abort'} ORDER BY path`,
    );
    expect(access).toMatchObject([
      // The 200 was sent before the client left: it stays, marked aborted.
      { path: '/stream', status: 200, level: 'INFO', aborted: true, message: 'GET /stream 200' },
      { path: '/stuck', status: 499, level: 'WARN', aborted: true, message: 'GET /stuck 499' },
    ]);
  });
});
