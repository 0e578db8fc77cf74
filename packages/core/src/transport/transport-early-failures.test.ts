// Requests that fail before any byte of the body is sent, and URLs spelt in capitals: the
// transports must settle at once with a reason, and pick the protocol case-insensitively.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createNodeHttpTransport } from '../node/create-node-http-transport.js';
import { createKyTransport } from './create-ky-transport.js';
import { TransportError, type TransportRequest } from './transport.js';

const request = (url: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '[{"a":1}]',
  timeoutMs: 30_000,
  ...extra,
});

// Without the fix these requests never settle; the test timeout turns that hang into a failure.
describe('ky transport when fetch fails before reading the body', { timeout: 10_000 }, () => {
  it('rejects with the reason for a port that fetch refuses to use (6000 is on its bad-port list)', async () => {
    const error = await createKyTransport()
      .send(request('http://127.0.0.1:6000/api/default/s/_json'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'network', message: expect.stringContaining('bad port') });
  });

  it('rejects at once for a signal aborted before the request started', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await createKyTransport()
      .send(request('http://127.0.0.1:6000/x', { signal: controller.signal }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', message: 'request aborted' });
  });

  it('rejects with whatever an injected fetch rejects with', async () => {
    const transport = createKyTransport({
      fetch: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'EAI_AGAIN' } })),
    });
    const error = await transport.send(request('http://o2.example.com/x')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', message: 'fetch failed (EAI_AGAIN)' });
  });
});

describe('node transport with an uppercase scheme', () => {
  it('speaks TLS to an HTTPS:// URL instead of refusing the protocol', async () => {
    // A bare TCP server: the first byte of a TLS handshake is 0x16 (a plain HTTP request says "P").
    let firstByte: number | undefined;
    const server = net.createServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        firstByte = chunk[0];
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const transport = createNodeHttpTransport();
    const error = await transport.send(request(`HTTPS://127.0.0.1:${port}/x`)).catch((e: unknown) => e);
    transport.close();
    await new Promise((resolve) => server.close(resolve));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).not.toContain('Protocol');
    expect(firstByte).toBe(0x16);
  });
});
