// A real HTTP proxy on 127.0.0.1 in front of a devserver that plays an outage: while `down()` is
// true it answers 503 or drops the connection without forwarding (nothing is stored, so a
// delivered line can be counted exactly once); otherwise it forwards the request as it is.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OutageProxy {
  url: string;
  /** Requests refused during the outage, and forwarded ones. */
  readonly counts: { refused: number; forwarded: number };
  close(): Promise<void>;
}

/**
 * `outageMs` after the first request arrives, the proxy is down; then it forwards to `target`.
 * Refusals alternate between 503 and a reset connection (both leave nothing stored).
 */
export async function startOutageProxy(target: string, outageMs: number): Promise<OutageProxy> {
  const upstream = new URL(target);
  const counts = { refused: 0, forwarded: 0 };
  let firstAt: number | undefined;
  const server = http.createServer((req, res) => {
    firstAt ??= Date.now();
    if (Date.now() - firstAt < outageMs) {
      const reset = counts.refused++ % 2 === 1;
      req.resume();
      req.on('end', () => {
        if (reset) req.socket.destroy();
        else {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end('{"code":503,"message":"Error# memtable circuit breaker"}');
        }
      });
      return;
    }
    counts.forwarded++;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
