// The transport's HTTP/1.1 on real sockets: what it writes, the answers it reads (cut into single
// bytes, chunked, interim, until close, malformed), and when its sockets keep the process alive.
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransportError, type TransportRequest } from '../transport/transport.js';
import { createNodeHttpTransport } from './create-node-http-transport.js';

const closers: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  // Newest first: sockets and transports, then the servers, whose close waits for their sockets.
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(server: net.Server, host = '127.0.0.1') {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  closers.push(async () => {
    if (server instanceof http.Server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as net.AddressInfo).port;
}

/** A TCP server that reads each request (head and Content-Length body) and writes `answer`'s raw bytes. */
async function startRawServer(answer: (socket: net.Socket) => void) {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    closers.push(() => void socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      const length = Number(/content-length: *(\d+)/i.exec(buffered.toString('latin1', 0, end))?.[1] ?? 0);
      if (end === -1 || buffered.length < end + 4 + length) return;
      buffered = buffered.subarray(end + 4 + length);
      answer(socket);
    });
  });
  return { url: `http://127.0.0.1:${await listen(server)}/x`, sockets };
}

function createTransport(options?: Parameters<typeof createNodeHttpTransport>[0]) {
  const transport = createNodeHttpTransport(options);
  closers.push(() => transport.close());
  return transport;
}

const post = (url: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '[{"a":1}]',
  timeoutMs: 10_000,
  ...extra,
});

/** Writes `text` one byte per write, each after the previous one left. */
async function writeBytes(socket: net.Socket, text: string) {
  for (const byte of Buffer.from(text)) {
    await new Promise<void>((resolve) => socket.write(Buffer.of(byte), () => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the node keep-alive transport on the wire', () => {
  it('writes Host with the port, path and query, UTF-8 Content-Length and Basic auth from the URL', async () => {
    let seen: { url?: string; headers: http.IncomingHttpHeaders; body: string } | undefined;
    const server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (text: string) => (body += text));
      req.on('end', () => {
        seen = { url: req.url, headers: req.headers, body };
        res.end('{}');
      });
    });
    const port = await listen(server);
    const answer = await createTransport().send(
      post(`HTTP://ro%40t:p%3Ass@127.0.0.1:${port}/api/o/s/_json?x=1#frag`, {
        headers: { 'content-type': 'application/json', 'Content-Length': '1' },
        body: '{"city":"Zürich"}',
      }),
    );
    expect(answer).toMatchObject({ status: 200, body: '{}', headers: { 'content-length': '2' } });
    expect(seen).toMatchObject({
      url: '/api/o/s/_json?x=1',
      body: '{"city":"Zürich"}',
      headers: {
        host: `127.0.0.1:${port}`,
        'content-length': '18',
        authorization: `Basic ${Buffer.from('ro@t:p:ss').toString('base64')}`,
      },
    });
  });

  it('reaches an IPv6 literal host, naming it in brackets in Host', async (context) => {
    let host: string | undefined;
    const server = http.createServer((req, res) => {
      host = req.headers.host;
      req.resume().on('end', () => res.end());
    });
    const port = await listen(server, '::1').catch(() => undefined);
    if (port === undefined) return context.skip('no IPv6 loopback here');
    expect((await createTransport().send(post(`http://[::1]:${port}/x`))).status).toBe(200);
    expect(host).toBe(`[::1]:${port}`);
  });

  it('reads a chunked answer with extensions and trailers arriving one byte at a time', async () => {
    const { url } = await startRawServer((socket) => {
      void writeBytes(
        socket,
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Id: 1\r\nx-id: 2\r\n\r\n' +
          '4;ext=1\r\n{"ok\r\n8 ; x="y"\r\n":"✓"}\r\n0\r\nX-Trailer: t\r\n\r\n',
      );
    });
    const transport = createTransport();
    for (let i = 0; i < 2; i++) {
      expect(await transport.send(post(url))).toEqual({
        status: 200,
        headers: { 'transfer-encoding': 'chunked', 'x-id': '1, 2' },
        body: '{"ok":"✓"}',
      });
    }
  });

  it('skips 100 Continue and 103 Early Hints before the answer', async () => {
    const server = http.createServer((req, res) => {
      res.writeContinue();
      res.writeEarlyHints({ link: '</style.css>; rel=preload' });
      req.resume().on('end', () => res.writeHead(202, { 'x-final': 'yes' }).end('done'));
    });
    const url = `http://127.0.0.1:${await listen(server)}/x`;
    expect(await createTransport().send(post(url))).toMatchObject({
      status: 202,
      headers: { 'x-final': 'yes' },
      body: 'done',
    });
  });

  it('reads a body without framing until the server closes, then uses a new socket', async () => {
    const { url, sockets } = await startRawServer((socket) => {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nback soon');
    });
    const transport = createTransport();
    expect(await transport.send(post(url))).toMatchObject({ status: 503, body: 'back soon' });
    expect(await transport.send(post(url))).toMatchObject({ status: 503, body: 'back soon' });
    expect(sockets).toHaveLength(2);
  });

  it('closes its socket after an answer with Connection: close, though the server keeps it open', async () => {
    const { url, sockets } = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
    });
    const transport = createTransport();
    expect(await transport.send(post(url))).toMatchObject({ status: 200, body: 'ok' });
    await new Promise((resolve) => sockets[0]!.once('close', resolve));
    expect(await transport.send(post(url))).toMatchObject({ status: 200, body: 'ok' });
    expect(sockets).toHaveLength(2);
  });

  it('fails a malformed answer as a network error and drops its socket', async () => {
    const { url, sockets } = await startRawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok');
    });
    const error = await createTransport()
      .send(post(url))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'network', message: 'malformed HTTP answer: bad Content-Length' });
    await new Promise((resolve) => sockets[0]!.once('close', resolve));
  });

  it('never names the credentials of the URL in an error', async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    closed.close();
    const transport = createTransport();
    for (const url of [`http://user:s3cret@127.0.0.1:${port}/x`, 'http://user:s3cret@[bad/x']) {
      const error = await transport.send(post(url)).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'network' });
      expect(String((error as Error).message)).not.toContain('s3cret');
    }
  });

  it('keeps the process alive only while a request is in flight', async () => {
    const connect = vi.spyOn(net, 'connect');
    // Whether a socket's handle counts for keeping the event loop alive (what `unref` clears).
    const holdsProcess = (socket: unknown) => (socket as { _handle: { hasRef(): boolean } })._handle.hasRef();
    const during: boolean[] = [];
    const server = http.createServer((req, res) => {
      during.push(holdsProcess(connect.mock.results[0]?.value));
      req.resume().on('end', () => res.end());
    });
    const url = `http://127.0.0.1:${await listen(server)}/x`;
    const transport = createTransport();
    await transport.send(post(url));
    const afterFirst = holdsProcess(connect.mock.results[0]?.value);
    await transport.send(post(url));
    expect([during, afterFirst, holdsProcess(connect.mock.results[0]?.value)]).toEqual([
      [true, true],
      false,
      false,
    ]);
    expect(connect).toHaveBeenCalledTimes(1);
    connect.mockRestore();
  });
});
