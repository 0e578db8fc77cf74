// A real node:http endpoint on 127.0.0.1 standing in for the relay in the happy-dom tests: it
// records each request's NDJSON lines and answers with the statuses a test scripts (202 after
// them). The relay itself is used in the Chromium end-to-end tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Collector {
  url: string;
  /** Every request received, as its parsed lines, whatever the answer was. */
  requests: { status: number; contentType: string | undefined; events: Record<string, unknown>[] }[];
  /** Events of the requests answered 202. */
  accepted(): Record<string, unknown>[];
  /** Statuses for the next requests, in order; `[503, 'retry-after: 1']` adds a header. */
  answers: (number | [number, string])[];
  /** The relay's check of one line: a reason refuses it (in the 202's `rejected`, as the relay does). */
  refuse?: (event: Record<string, unknown>) => string | undefined;
  close(): Promise<void>;
}

export async function startCollector(): Promise<Collector> {
  const collector = {
    requests: [],
    answers: [],
    accepted: () => collector.requests.filter((r) => r.status === 202).flatMap((r) => r.events),
  } as unknown as Collector;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const next = collector.answers.shift() ?? 202;
      const [status, header] = Array.isArray(next) ? next : [next, undefined];
      const events = body
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      collector.requests.push({ status, contentType: req.headers['content-type'], events });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (header) {
        const [name, value] = header.split(': ');
        headers[name!] = value!;
      }
      res.writeHead(status, headers);
      const rejected = events
        .map((event, index) => ({ index, reason: collector.refuse?.(event) }))
        .filter((line) => line.reason !== undefined);
      res.end(JSON.stringify({ accepted: events.length - rejected.length, rejected }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  collector.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  collector.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return collector;
}

/** Waits until `check` passes or fails after `timeoutMs`. */
export async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
