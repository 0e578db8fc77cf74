import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';
import { eventually } from '../../test/start-collector.js';
import { REQUEST_TIMEOUT_MS } from './send-request.js';

const open: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of open.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('a relay that stalls', () => {
  it(
    'holds flush() and the request for the timeout only; the retry then delivers the event',
    async () => {
      // A real server on 127.0.0.1 that never answers its first request and accepts the others.
      const bodies: string[] = [];
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        let body = '';
        req.on('data', (chunk) => {
          body += chunk;
        });
        req.on('end', () => {
          bodies.push(body);
          if (bodies.length === 1) return;
          res.writeHead(202, { 'content-type': 'application/json' });
          res.end('{"accepted":1,"rejected":[]}');
        });
      });
      open.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${url}/`);
      const { client, problems } = startHarness({
        endpoint: `${url}/shoptel`,
        autoCapture: false,
        consent: 'granted',
        flushIntervalMs: 60_000,
      });
      client.trackPageView();
      const started = Date.now();
      await client.flush();
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 500);
      expect(waited).toBeLessThan(REQUEST_TIMEOUT_MS + 5000);
      // Retried after the backoff (at most 1 s at the first retry), not left hanging.
      await eventually(() => expect(bodies).toHaveLength(2), 5000);
      expect(bodies[1]).toBe(bodies[0]);
      expect(problems).toEqual([]);
    },
    REQUEST_TIMEOUT_MS + 15_000,
  );
});
