import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';

const dev = useDevServer();

describe('relay once shoptel is shutting down (a rolling deploy)', () => {
  it('answers 503 with Retry-After so the page sends again, not 202 for events it would drop', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'relay-shutdown' });
    const relay = shoptel.relay({ rateLimit: false });
    const app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => relay(req, res));
    const post = () =>
      fetch(`${app.url}/t`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ event_type: 'PAGE_VIEW', session_id: 's-down', page: '/' }),
      });
    expect((await post()).status).toBe(202);
    await shoptel.shutdown();
    const late = await post();
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toBe('5');
    expect(await late.json()).toEqual({ error: 'shutting down; send again later' });
    await app.close();
    expect(errors).toEqual([]); // nothing was accepted and then dropped
  });
});
