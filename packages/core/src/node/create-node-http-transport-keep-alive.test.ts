// The transport's keep-alive sockets against a real node:http server: a server closing an idle
// socket, a reused socket failing before its answer (retried once), and requests beyond maxSockets.
import http from 'node:http';
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransportRequest } from '../transport/transport.js';
import { createNodeHttpTransport } from './create-node-http-transport.js';

interface Arrival {
  seq: string;
  socket: net.Socket;
  res: http.ServerResponse;
}

let server: http.Server | undefined;
let transport: ReturnType<typeof createNodeHttpTransport> | undefined;
afterEach(async () => {
  transport?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/**
 * A server handing every request, once its body is read, to `handle` (by default: answer 200).
 * `arrivals()` yields requests in the order they arrived, waiting for the next one.
 */
async function startServer(handle?: (arrival: Arrival, index: number) => void) {
  const connections: net.Socket[] = [];
  const queued: Arrival[] = [];
  const waiting: Array<(arrival: Arrival) => void> = [];
  let index = 0;
  server = http.createServer((req, res) => {
    req.resume().on('end', () => {
      const arrival = { seq: String(req.headers['x-seq']), socket: req.socket, res };
      if (handle) return handle(arrival, index++);
      const next = waiting.shift();
      if (next) next(arrival);
      else queued.push(arrival);
    });
  });
  server.on('connection', (socket) => connections.push(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/api/default/s/_json`;
  const nextArrival = () =>
    new Promise<Arrival>((resolve) => {
      const arrival = queued.shift();
      if (arrival) resolve(arrival);
      else waiting.push(resolve);
    });
  return { url, connections, nextArrival };
}

const post = (url: string, seq = 0, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-seq': String(seq) },
  body: '[{"a":1}]',
  timeoutMs: 10_000,
  ...extra,
});

const ok = ({ res }: Arrival) => res.end('{"code":200}');
/** What the fault sink's reset does: the request was read, then its connection is closed unanswered. */
const reset = ({ socket }: Arrival) => socket.destroy();

describe('the node transport keep-alive sockets', () => {
  it('reuses one socket for requests in a row', async () => {
    const { url, connections } = await startServer(ok);
    transport = createNodeHttpTransport();
    for (let i = 0; i < 3; i++) expect((await transport.send(post(url, i))).status).toBe(200);
    expect(connections).toHaveLength(1);
  });

  it('forgets a socket the server closed while idle, and the next request succeeds', async () => {
    const { url, connections } = await startServer(ok);
    transport = createNodeHttpTransport();
    await transport.send(post(url));
    await new Promise((resolve) => {
      connections[0]!.once('close', resolve);
      connections[0]!.destroy();
    });
    expect((await transport.send(post(url))).status).toBe(200);
    expect(connections).toHaveLength(2);
  });

  it('retries once, on a new socket, a request whose reused socket closed before any answer', async () => {
    const plan = [ok, reset, ok];
    const { url, connections } = await startServer((arrival, i) => (plan[i] ?? ok)(arrival));
    transport = createNodeHttpTransport();
    await transport.send(post(url));
    expect(await transport.send(post(url))).toMatchObject({ status: 200, body: '{"code":200}' });
    expect(connections).toHaveLength(2);
  });

  it('gives up when the retry fails too, and never retries a new socket', async () => {
    const plan = [ok, reset, reset, reset];
    let requests = 0;
    const { url } = await startServer((arrival, i) => {
      requests++;
      (plan[i] ?? ok)(arrival);
    });
    transport = createNodeHttpTransport();
    await transport.send(post(url));
    await expect(transport.send(post(url))).rejects.toMatchObject({ kind: 'network' });
    expect(requests).toBe(3);
    await expect(transport.send(post(url))).rejects.toMatchObject({ kind: 'network' });
    expect(requests).toBe(4);
  });

  it('holds requests beyond maxSockets in a FIFO queue', async () => {
    const { url, connections, nextArrival } = await startServer();
    transport = createNodeHttpTransport({ maxSockets: 2 });
    const answers = [0, 1, 2, 3, 4].map((seq) => transport!.send(post(url, seq)));
    const first = [await nextArrival(), await nextArrival()];
    expect(first.map((a) => a.seq).sort()).toEqual(['0', '1']);
    const order = first.map((a) => a.seq);
    let open = first;
    for (let i = 0; i < 3; i++) {
      ok(open[0]!);
      const next = await nextArrival();
      order.push(next.seq);
      open = [open[1]!, next];
    }
    for (const arrival of open) ok(arrival);
    expect(order.slice(2)).toEqual(['2', '3', '4']);
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(connections).toHaveLength(2);
  });

  it('refuses a maxSockets that would hold every request forever', () => {
    expect(() => createNodeHttpTransport({ maxSockets: 0 })).toThrow(RangeError);
    expect(() => createNodeHttpTransport({ maxSockets: 1.5 })).toThrow(/maxSockets/);
  });

  it('takes a request that timed out or was aborted while queued out of the queue', async () => {
    const { url, nextArrival } = await startServer();
    transport = createNodeHttpTransport({ maxSockets: 1 });
    const held = transport.send(post(url, 0));
    const first = await nextArrival();
    const controller = new AbortController();
    const aborted = transport.send(post(url, 1, { signal: controller.signal }));
    const timedOut = transport.send(post(url, 2, { timeoutMs: 50 }));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ kind: 'network', message: 'request aborted' });
    await expect(timedOut).rejects.toMatchObject({ kind: 'timeout' });
    const third = transport.send(post(url, 3));
    ok(first);
    const next = await nextArrival();
    expect(next.seq).toBe('3');
    ok(next);
    expect([(await held).status, (await third).status]).toEqual([200, 200]);
  });
});
