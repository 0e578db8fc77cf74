/**
 * The official Elasticsearch client (`@elastic/elasticsearch` 9) against the devserver's
 * `/api/{org}/_bulk`, as Fluent Bit, Vector and Logstash also ship logs: the bulk helper reads
 * each item's status to know what was stored.
 */
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { startTestServer } from '../test/helpers.js';
import { rowsWhenArrived } from './eventually-rows.js';

let server: DevServer;
let client: Client;
beforeAll(async () => {
  server = await startTestServer();
  client = new Client({
    node: `${server.url}/api/default`,
    auth: { username: 'root@example.com', password: 'Complexpass#123' },
  });
});
afterAll(async () => {
  await client?.close();
  await server?.stop();
});

it('client.bulk stores the documents and reads a per-item answer', async () => {
  const answer = await client.bulk({
    operations: [
      { index: { _index: 'es-orders', _id: 'o-1' } },
      { order_id: 'o-1', amount: 42.5, status: 'paid' },
      { create: { _index: 'es-orders' } },
      { order_id: 'o-2', amount: 10, status: 'pending' },
      { index: { _index: 'es-orders' } },
      { order_id: 'o-3', _timestamp: '2001-01-01T00:00:00Z' },
    ],
  });
  expect(answer.errors).toBe(true);
  const statuses = answer.items.map((item) => Object.values(item)[0]?.status);
  expect(statuses).toEqual([200, 200, 422]);
  expect(answer.items[2]?.index?.error?.type).toBe('timestamp_parsing_failed');

  const stored = await rowsWhenArrived(
    server,
    'SELECT _id, order_id, amount, status FROM "es_orders" ORDER BY order_id',
    2,
  );
  expect(stored.json.hits).toEqual([
    { _timestamp: expect.any(Number), _id: 'o-1', order_id: 'o-1', amount: 42.5, status: 'paid' },
    { _timestamp: expect.any(Number), order_id: 'o-2', amount: 10, status: 'pending' },
  ]);
});

it('helpers.bulk ships a stream of documents and counts them', async () => {
  const documents = Array.from({ length: 250 }, (_, i) => ({ seq: i, message: `event ${i}` }));
  const stats = await client.helpers.bulk({
    datasource: documents,
    onDocument: () => ({ index: { _index: 'es_events' } }),
    flushBytes: 4000,
  });
  expect(stats).toMatchObject({ total: 250, successful: 250, failed: 0 });
  const stored = await rowsWhenArrived(server, 'SELECT count(*) AS n FROM "es_events"', 1);
  expect(stored.json.hits).toEqual([{ n: 250 }]);
});
