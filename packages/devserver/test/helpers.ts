import { gzipSync } from 'node:zlib';
import { type DevServer, type DevServerOptions, startDevServer } from '../src/index.js';

export const AUTH = `Basic ${Buffer.from('root@example.com:Complexpass#123').toString('base64')}`;

/** A devserver on an ephemeral port, in memory unless `data` is given. */
export function startTestServer(options: DevServerOptions = {}): Promise<DevServer> {
  return startDevServer({ port: 0, ...options });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read into answers of many shapes.
  json: any;
}

export async function call(
  server: DevServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const init: RequestInit = { method, headers: { authorization: AUTH, ...headers } };
  if (body !== undefined) {
    init.body =
      typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function ingest(
  server: DevServer,
  stream: string,
  records: unknown,
  org = 'default',
): Promise<Answer> {
  return call(server, 'POST', `/api/${org}/${stream}/_json`, records);
}

export function ingestGzip(server: DevServer, stream: string, records: unknown): Promise<Answer> {
  return call(server, 'POST', `/api/default/${stream}/_json`, gzipSync(JSON.stringify(records)), {
    'content-encoding': 'gzip',
    'content-type': 'application/json',
  });
}

/** Searches the last day (µs), returning the answer. */
export function search(
  server: DevServer,
  sql: string,
  extra: Record<string, unknown> = {},
  query = '',
): Promise<Answer> {
  const end = Date.now() * 1000 + 60_000_000;
  return call(server, 'POST', `/api/default/_search${query}`, {
    query: { sql, start_time: end - 30 * 3_600_000_000, end_time: end, ...extra },
  });
}
