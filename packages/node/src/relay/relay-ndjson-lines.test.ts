import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';

const dev = useDevServer();

const event = (page: string) => JSON.stringify({ event_type: 'PAGE_VIEW', session_id: 's-lines', page });

describe('relay: NDJSON whose first line starts with [', () => {
  it('rejects that line by index and keeps the good lines (the body used to be read as one JSON array and refused whole)', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'relay-lines' });
    const relay = shoptel.relay({ rateLimit: false });
    const app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => relay(req, res));
    const post = (body: string) =>
      fetch(`${app.url}/t`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });

    const arrayLine = await post(['[1,2]', event('/a1'), event('/a2')].join('\n'));
    expect(arrayLine.status).toBe(202);
    expect(await arrayLine.json()).toEqual({
      accepted: 2,
      rejected: [{ index: 0, reason: 'expected an event object; got an array' }],
    });
    const brokenLine = await post(['[oops', event('/b1')].join('\n'));
    expect(brokenLine.status).toBe(202);
    expect(await brokenLine.json()).toEqual({
      accepted: 1,
      rejected: [{ index: 0, reason: 'line is not valid JSON' }],
    });
    // A JSON array is still one batch, and an unreadable single-line array is still a 400.
    const array = await post(`[${event('/c1')},${event('/c2')}]`);
    expect(await array.json()).toEqual({ accepted: 2, rejected: [] });
    expect((await post('[oops')).status).toBe(400);

    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);
    const rows = await dev.rows<{ page: string }>(
      sql`SELECT page FROM ${sql.id('user_behavior')} WHERE session_id = ${'s-lines'} ORDER BY page`,
    );
    expect(rows.map((r) => r.page)).toEqual(['/a1', '/a2', '/b1', '/c1', '/c2']);
  });
});
