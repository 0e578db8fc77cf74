import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** What the sink does with one request. */
export const SinkFault = {
  ok: 'ok',
  /** 503, nothing stored (OpenObserve's circuit breakers). */
  unavailable: 'unavailable',
  /** 429 with `Retry-After` in seconds, nothing stored. */
  rateLimited: 'rate_limited',
  /** 429 with `Retry-After` as an HTTP date (`retryAfterSeconds` from now), nothing stored. */
  rateLimitedUntil: 'rate_limited_until',
  /** 502 with a proxy's HTML page, nothing stored. */
  badGateway: 'bad_gateway',
  /** The connection is destroyed after the body was read, nothing stored. */
  reset: 'reset',
  /** Records stored, then the answer comes too late (the client times out: a duplicate-maker). */
  slowAfterStore: 'slow_after_store',
  /** No answer in time and nothing stored. */
  slowBeforeStore: 'slow_before_store',
  /** 413, nothing stored. */
  tooLarge: 'too_large',
  /** 200 with half the records counted as failed (like OpenObserve's "Too old data"). */
  partial: 'partial',
} as const;
export type SinkFault = (typeof SinkFault)[keyof typeof SinkFault];

/** Options of {@link startFaultSink}. */
export interface FaultSinkOptions {
  /** Picks the fault for the n-th request (0-based). @default always ok */
  plan?: (requestIndex: number, body: string) => SinkFault;
  /** Seconds sent in `Retry-After` for `rate_limited`. @default 1 */
  retryAfterSeconds?: number;
  /** How long slow answers take. @default 2000 */
  slowMs?: number;
  /** Bodies larger than this always get 413. @default unlimited */
  maxBodyBytes?: number;
  /** Port to bind; 0 picks a free one. @default 0 */
  port?: number;
}

/** One request as the sink saw it. */
export interface SinkRequest {
  index: number;
  path: string;
  fault: SinkFault;
  headers: http.IncomingHttpHeaders;
  records: Record<string, unknown>[];
  stored: boolean;
}

/** A running sink. */
export interface FaultSink {
  url: string;
  port: number;
  /** Stored records, in arrival order, duplicates included. */
  readonly records: Record<string, unknown>[];
  readonly requests: SinkRequest[];
  stop(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that speaks OpenObserve's `_json` ingestion answer and injects
 * the faults a client meets in the wild. Tests of the client's delivery guarantees run against it
 * rather than against a fake transport, so sockets, timeouts and resets are real.
 */
export async function startFaultSink(options: FaultSinkOptions = {}): Promise<FaultSink> {
  const plan = options.plan ?? (() => SinkFault.ok);
  const slowMs = options.slowMs ?? 2000;
  const records: Record<string, unknown>[] = [];
  const requests: SinkRequest[] = [];
  const pending = new Set<NodeJS.Timeout>();
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = counter++;
      let raw = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      const body = raw.toString('utf8');
      let fault = plan(index, body);
      if (options.maxBodyBytes !== undefined && raw.byteLength > options.maxBodyBytes)
        fault = SinkFault.tooLarge;
      let parsed: Record<string, unknown>[] = [];
      try {
        const value = JSON.parse(body) as unknown;
        parsed = Array.isArray(value)
          ? (value as Record<string, unknown>[])
          : [value as Record<string, unknown>];
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 400, message: 'SerdeJsonError# expected value at line 1 column 1' }));
        return;
      }
      const entry: SinkRequest = {
        index,
        path: req.url ?? '',
        fault,
        headers: req.headers,
        records: parsed,
        stored: false,
      };
      requests.push(entry);
      const store = (list: Record<string, unknown>[]) => {
        records.push(...list);
        entry.stored = true;
      };
      const answer = (successful: number, failed: number, error?: string) => {
        const status = { name: streamOf(req.url), successful, failed, ...(error ? { error } : {}) };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 200, status: [status] }));
      };
      const later = (work: () => void) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (!res.destroyed) work();
        }, slowMs);
        pending.add(timer);
      };
      switch (fault) {
        case SinkFault.ok:
          store(parsed);
          answer(parsed.length, 0);
          break;
        case SinkFault.unavailable:
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 503, message: 'Error# memtable circuit breaker' }));
          break;
        case SinkFault.rateLimited:
          res.writeHead(429, {
            'retry-after': String(options.retryAfterSeconds ?? 1),
            'content-type': 'text/plain',
          });
          res.end('Too Many Requests');
          break;
        case SinkFault.rateLimitedUntil:
          res.writeHead(429, {
            'retry-after': new Date(Date.now() + (options.retryAfterSeconds ?? 1) * 1000).toUTCString(),
            'content-type': 'text/plain',
          });
          res.end('Too Many Requests');
          break;
        case SinkFault.badGateway:
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end(
            '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
          );
          break;
        case SinkFault.reset:
          req.socket.destroy();
          break;
        case SinkFault.slowAfterStore:
          store(parsed);
          later(() => answer(parsed.length, 0));
          break;
        case SinkFault.slowBeforeStore:
          later(() => res.destroy());
          break;
        case SinkFault.tooLarge:
          res.writeHead(413, { 'content-type': 'text/plain' });
          res.end('Payload Too Large');
          break;
        case SinkFault.partial: {
          const kept = parsed.slice(0, Math.ceil(parsed.length / 2));
          store(kept);
          answer(
            kept.length,
            parsed.length - kept.length,
            'Too old data, only last 5 hours data can be ingested. Data discarded.',
          );
          break;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    records,
    requests,
    async stop() {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function streamOf(path: string | undefined): string {
  const parts = (path ?? '').split('/');
  return parts.length >= 4 ? (parts[3] ?? '') : '';
}

/** A deterministic PRNG (mulberry32), so a fault plan is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
