import type { AddressInfo } from 'node:net';
import { sql } from '@shoptel/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';

const dev = useDevServer();

describe('middleware on Express', () => {
  it('names the full route of a request that fails inside a mounted router (the error handler runs after Express restored baseUrl)', async () => {
    const { shoptel, errors } = dev.shoptel({
      serviceName: 'mw-express',
      tracing: { enabled: true, samplingRate: 1 },
    });
    const app = express();
    app.use(shoptel.middleware());
    const orders = express.Router();
    orders.get('/:id', (req, res) => {
      res.json({ id: req.params.id });
    });
    orders.get('/:id/refund', (_req, _res, next) => next(new Error('psp down')));
    app.use('/api/orders', orders);
    app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
      res.status(500).json({ error: error.message });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/api/orders/o-1`)).status).toBe(200);
    expect((await fetch(`${base}/api/orders/o-1/refund`)).status).toBe(500);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const access = await dev.rows<Record<string, unknown>>(
      sql`SELECT route, status, message FROM ${sql.id('application_logs')} WHERE service = ${'mw-express'} ORDER BY status`,
    );
    expect(access).toMatchObject([
      { route: '/api/orders/:id', status: 200, message: 'GET /api/orders/:id 200' },
      { route: '/api/orders/:id/refund', status: 500, message: 'GET /api/orders/:id/refund 500' },
    ]);
    const spans = await dev.rows<Record<string, unknown>>(
      sql`SELECT operation_name, http_route FROM ${sql.id('traces')} WHERE service_name = ${'mw-express'} ORDER BY operation_name`,
      'traces',
    );
    expect(spans).toMatchObject([
      { operation_name: 'GET /api/orders/:id', http_route: '/api/orders/:id' },
      { operation_name: 'GET /api/orders/:id/refund', http_route: '/api/orders/:id/refund' },
    ]);
  });
});
