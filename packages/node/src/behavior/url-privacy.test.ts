import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';

const dev = useDevServer();

describe('user_behavior URLs: emails and tokens masked (wire-format.md), as the browser SDK does', () => {
  it('masks page, url and referrer of server-side tracking and of relayed events', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'url-privacy' });
    shoptel.behavior.trackPageView('s-url', '/reset?token=abc123&step=2', undefined, {
      req: new Request('https://shop.example/reset', {
        headers: { referer: 'https://mail.example/open?email=jane.doe@example.com&id=7' },
      }),
    });
    const relay = shoptel.relay({ rateLimit: false });
    const app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => relay(req, res));
    const relayed = await fetch(`${app.url}/t`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        event_type: 'PAGE_VIEW',
        session_id: 's-url',
        page: '/login?session=s3cr3t',
        url: 'https://shop.example/welcome?user=jane%40example.com&magic_code=991',
      }),
    });
    expect(await relayed.json()).toEqual({ accepted: 1, rejected: [] });
    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT page, url, referrer FROM ${sql.id('user_behavior')} WHERE session_id = ${'s-url'} ORDER BY page`,
    );
    const stored = JSON.stringify(rows);
    for (const leak of ['abc123', 'jane.doe@example.com', 'jane%40example.com', 's3cr3t', '991'])
      expect(stored).not.toContain(leak);
    expect(rows).toMatchObject([
      {
        page: '/login?session=[redacted]',
        url: 'https://shop.example/welcome?user=[email]&magic_code=[redacted]',
      },
      { page: '/reset?token=[redacted]&step=2', referrer: 'https://mail.example/open?email=[redacted]&id=7' },
    ]);
  });
});
