/**
 * OpenObserve's own pino transport (`@openobserve/pino-openobserve`, from the npm registry) against
 * the devserver: it batches pino's NDJSON lines and POSTs them to `/api/{org}/{stream}/_multi`
 * with Basic auth.
 */
import OpenobserveTransport from '@openobserve/pino-openobserve';
import pino from 'pino';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { DevServer } from '../src/index.js';
import { startTestServer } from '../test/helpers.js';
import { rowsWhenArrived } from './eventually-rows.js';

let server: DevServer;
beforeAll(async () => {
  server = await startTestServer();
  // The transport prints every answer with console.log.
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(() => server.stop());

it('stores what pino logs through the transport, fields normalised as OpenObserve does', async () => {
  const transport = new OpenobserveTransport({
    url: server.url,
    organization: 'default',
    streamName: 'pino-logs',
    auth: { username: 'root@example.com', password: 'Complexpass#123' },
    batchSize: 3,
    timeThreshold: 50,
  });
  const logger = pino({ base: { service: 'checkout' } }, transport);
  for (let i = 0; i < 6; i++) logger.info({ orderId: `o-${i}`, cart: { items: i } }, `order ${i} paid`);

  const answer = await rowsWhenArrived(
    server,
    'SELECT msg, orderid, cart_items, level, service, time FROM "pino_logs" ORDER BY cart_items',
    6,
  );
  expect(answer.json.hits).toHaveLength(6);
  expect(answer.json.hits[0]).toEqual({
    _timestamp: expect.any(Number),
    msg: 'order 0 paid',
    orderid: 'o-0',
    cart_items: 0,
    level: 30,
    service: 'checkout',
    time: expect.any(Number),
  });
});
