import { createClient, createSearchClient, type DeliveryError, resolveConfig, sql } from '@shoptel/core';
import { createGzipCompressor, createNodeHttpTransport } from '@shoptel/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { startTestServer } from './helpers.js';

const auth = { username: 'root@example.com', password: 'Complexpass#123' };
let server: DevServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const window = () => ({ start: new Date(Date.now() - 6 * 3600_000), end: new Date(Date.now() + 60_000) });

describe('@shoptel/core against the devserver', () => {
  it('ships records that come back by SQL exactly as the wire format names them', async () => {
    const errors: DeliveryError[] = [];
    const transport = createNodeHttpTransport();
    const client = createClient({
      url: server.url,
      auth,
      transport,
      compressor: createGzipCompressor(),
      compressAboveBytes: 512, // gzip through the devserver's decompression too
      commonFields: { service: 'checkout' },
      onError: (error) => errors.push(error),
    });
    const sixHoursAgo = Date.now() - 6 * 3600_000;
    for (let i = 0; i < 250; i++) {
      client.send('Business-Events', {
        action: i % 2 ? 'order_paid' : 'order_created',
        userId: `u-${i % 7}`,
        order: { id: `o-${i}`, total: i, lines: [{ sku: 'a' }] },
        ...(i === 0 ? { _timestamp: sixHoursAgo, event_time: new Date(sixHoursAgo).toISOString() } : {}),
      });
    }
    const stats = await client.shutdown();
    transport.close();
    expect(errors).toEqual([]);
    expect(stats).toMatchObject({ sent: 250, failed: 0, dropped: 0 });

    const search = createSearchClient(resolveConfig({ url: server.url, auth }));
    const result = await search.search<{ action: string; n: number; users: number; ids: number }>({
      sql: sql`SELECT action, COUNT(*) AS n, COUNT(DISTINCT userid) AS users, COUNT(DISTINCT event_id) AS ids
               FROM ${sql.id('business_events')} WHERE service = ${'checkout'} GROUP BY action ORDER BY action`,
      ...window(),
    });
    expect(result.hits).toEqual([
      { action: 'order_created', n: 125, users: 7, ids: 125 },
      { action: 'order_paid', n: 125, users: 7, ids: 125 },
    ]);

    const [late] = (
      await search.search<Record<string, unknown>>({
        sql: sql`SELECT * FROM ${sql.id('business_events')} WHERE order_id = ${'o-0'}`,
        ...window(),
      })
    ).hits;
    // Six hours old: _timestamp was clamped into the server window, event_time kept the truth.
    expect(late).toMatchObject({
      order_total: 0,
      order_lines: '[{"sku":"a"}]',
      event_time: new Date(sixHoursAgo).toISOString(),
    });
    expect(late!._timestamp as number).toBeGreaterThan((Date.now() - 5 * 3600_000) * 1000);
  });

  it('reports a server refusal (wrong password) with the reason and no credentials', async () => {
    const errors: DeliveryError[] = [];
    const client = createClient({
      url: server.url,
      auth: { username: auth.username, password: 'wrong' },
      transport: createNodeHttpTransport(),
      onError: (error) => errors.push(error),
    });
    client.send('orders', { order_id: 'o-1' });
    await client.shutdown();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ reason: 'rejected_by_server', status: 401, count: 1 });
    expect(JSON.stringify(errors)).not.toContain('wrong');
  });

  it('surfaces OpenObserve query errors with their code', async () => {
    const search = createSearchClient(resolveConfig({ url: server.url, auth }));
    const failure = await search
      .search({ sql: 'SELECT * FROM "no_such_stream"', ...window() })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'OpenObserveQueryError', status: 400, code: 20002 });
  });

  it('refuses one record too wide for the server alone, so the rest of its batch is stored', async () => {
    // OpenObserve discards a whole batch once its fields pass ZO_COLS_PER_RECORD_LIMIT (1000),
    // as the devserver does. Before, one record of 1,200 fields took its 20 neighbours with it.
    const errors: DeliveryError[] = [];
    const client = createClient({ url: server.url, auth, onError: (error) => errors.push(error) });
    const wide = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`f${i}`, i]));
    for (let i = 0; i < 20; i++) {
      client.send('wide_neighbours', { n: i });
      if (i === 10) client.send('wide_neighbours', { n: -1, stock: wide });
    }
    const stats = await client.shutdown();
    expect(stats).toMatchObject({ enqueued: 21, sent: 20, failed: 1, dropped: 0 });
    expect(errors.map((e) => e.reason)).toEqual(['invalid_record']);
    expect(errors[0]!.message).toMatch(/1204 fields.*1000/);

    const search = createSearchClient(resolveConfig({ url: server.url, auth }));
    const result = await search.search<{ n: number }>({
      sql: sql`SELECT count(*) AS n FROM ${sql.id('wide_neighbours')}`,
      ...window(),
    });
    expect(result.hits).toEqual([{ n: 20 }]);
  });
});
