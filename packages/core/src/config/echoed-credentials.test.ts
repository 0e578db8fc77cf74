// A proxy or gateway in front of OpenObserve that echoes the request's headers in its error page
// (debug pages, some API gateways) must not get the client's own credential into onError reports
// or search errors, which end up in logs. Real HTTP server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../batch/create-client.js';
import type { DeliveryError } from '../batch/delivery-error.js';
import { createSearchClient } from '../search/create-search-client.js';
import { resolveConfig } from './resolve-config.js';

const PASSWORD = 'Complex"pass#123';
const auth = { username: 'root@example.com', password: PASSWORD };
const TOKEN = Buffer.from(`root@example.com:${PASSWORD}`).toString('base64');
let server: Server;
let url: string;

beforeAll(async () => {
  // Answers every request with an error that quotes its Authorization header and the password.
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = req.url?.includes('/s401/') ? 401 : 400;
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-error-message': `${req.headers.authorization}`,
      });
      res.end(
        JSON.stringify({
          code: status,
          message: `denied: you sent ${req.headers.authorization}`,
          error_detail: `password ${PASSWORD} (user root@example.com:${PASSWORD})`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const leaks = (text: string) => text.includes(TOKEN) || text.includes('Complex');

describe('a credential echoed by the server', () => {
  it('is redacted from onError reports of refused batches', async () => {
    const errors: DeliveryError[] = [];
    const client = createClient({ url, auth, flushIntervalMs: 10, onError: (error) => errors.push(error) });
    client.send('s400', { a: 1 });
    client.send('s401', { a: 1 });
    await client.shutdown({ timeoutMs: 5000 });
    expect(errors.map((e) => e.reason)).toEqual(['rejected_by_server', 'rejected_by_server']);
    for (const error of errors) {
      expect(error.message).toContain('denied: you sent Basic [REDACTED]');
      expect(leaks(JSON.stringify({ ...error, message: error.message }))).toBe(false);
    }
  });

  it('is redacted from search errors, their fields and headers included', async () => {
    const search = createSearchClient(resolveConfig({ url, auth }));
    const error = await search
      .search({ sql: 'SELECT 1', start: new Date(Date.now() - 1000), end: new Date() })
      .catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('[REDACTED]');
    expect(leaks(`${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack}`)).toBe(
      false,
    );
  });
});
