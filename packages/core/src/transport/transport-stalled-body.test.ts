// A server that answers its status and headers, then never finishes the body: the request's
// deadline covers the whole exchange, so both transports give up with a timeout (the client then
// retries) instead of holding a request slot forever.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpTransport } from '../node/create-node-http-transport.js';
import { createKyTransport } from './create-ky-transport.js';
import { type Transport, TransportError, type TransportRequest } from './transport.js';

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"code":200,'); // and nothing more
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/default/s/_json`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const request = (extra: Partial<TransportRequest> = {}): TransportRequest => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '[{"a":1}]',
  timeoutMs: 300,
  ...extra,
});

const transports: Array<[string, () => Transport & { close?: () => void }]> = [
  ['ky', () => createKyTransport()],
  ['node keep-alive sockets', () => createNodeHttpTransport()],
];

// Without the deadline on the body the ky request never settles: the test timeout is the failure.
describe.each(transports)('%s transport with a body that stalls', (_name, create) => {
  it('rejects with a timeout once the deadline passes', { timeout: 10_000 }, async () => {
    const transport = create();
    const error = await transport.send(request()).catch((e: unknown) => e);
    transport.close?.();
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it('rejects as aborted when the caller aborts while the body is awaited', { timeout: 10_000 }, async () => {
    const transport = create();
    const controller = new AbortController();
    const pending = transport
      .send(request({ timeoutMs: 30_000, signal: controller.signal }))
      .catch((e: unknown) => e);
    // Abort once the headers are surely in: the server writes them as soon as the body ends.
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    const error = await pending;
    transport.close?.();
    expect(error).toMatchObject({ kind: 'network', message: 'request aborted' });
  });
});
