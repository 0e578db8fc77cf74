import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';

const dev = useDevServer();

describe('relay: a page that closes mid-upload', () => {
  it('is not reported as an internal failure of the relay, and the relay keeps serving', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'relay-abort' });
    const relay = shoptel.relay({ rateLimit: false });
    let closed!: () => void;
    const sawClose = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
      req.once('close', () => setTimeout(closed, 50));
      relay(req, res);
    });
    const { port } = new URL(app.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /t HTTP/1.1\r\nHost: shop\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n{"event_',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await sawClose;
    const after = await fetch(`${app.url}/t`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ event_type: 'PAGE_VIEW', session_id: 's-abort', page: '/' }),
    });
    expect(after.status).toBe(202);
    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);
  });
});
