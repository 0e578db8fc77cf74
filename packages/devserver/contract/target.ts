/**
 * Picks what the contract suite talks to: a real OpenObserve when `OPENOBSERVE_URL` is set, otherwise
 * an in-process devserver on port 0 with in-memory storage. Every test file calls
 * `startContractTarget()` once, so the same requests run unchanged against either server.
 */
import { randomBytes } from 'node:crypto';
import type { DevServerOptions } from '../src/index.js';
import { eventually } from './eventually.js';
import type { IngestBody, SearchBody } from './response-types.js';

/** OpenObserve's quick-start root user (reference §12); the devserver accepts the same by default. */
export const QUICK_START_USER = 'root@example.com';
export const QUICK_START_PASSWORD = 'Complexpass#123';
/** Shaped like OpenObserve's per-user RUM token (`rum` + 16 characters); the in-process devserver accepts it. */
export const DEVSERVER_RUM_TOKEN = 'rumContractSuite01';

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or `undefined` when the body is not JSON (plain-text 401/413, empty bodies). */
  body: T | undefined;
}

export interface FetchPathInit extends RequestInit {
  /** Send the target's Basic credentials unless the request sets its own `Authorization`. @default true */
  auth?: boolean;
}

export interface SearchOptions {
  from?: number;
  size?: number;
  /** Stream type as OpenObserve's `?type=` query parameter. @default 'logs' */
  type?: 'logs' | 'metrics' | 'traces';
  /** Extra keys merged into the top-level request body (for example `encoding`). */
  body?: Record<string, unknown>;
}

export interface ContractTarget {
  kind: 'devserver' | 'openobserve';
  url: string;
  org: string;
  authHeader: string;
  /** Raw request relative to `url`; adds the Basic header unless `auth: false`. */
  fetchPath(path: string, init?: FetchPathInit): Promise<Response>;
  ingestJson(stream: string, records: unknown[]): Promise<HttpResult<IngestBody>>;
  search(
    sql: string,
    startUs: number,
    endUs: number,
    options?: SearchOptions,
  ): Promise<HttpResult<SearchBody>>;
  /** Polls `search` until `isDone` holds or the read-after-write timeout passes; returns the last answer. */
  searchUntil(
    sql: string,
    startUs: number,
    endUs: number,
    isDone: (result: HttpResult<SearchBody>) => boolean,
    options?: SearchOptions,
  ): Promise<HttpResult<SearchBody>>;
  /** A stream name already in OpenObserve's normalised form, unique per run so real servers don't collide. */
  uniqueStream(prefix: string): string;
  stop(): Promise<void>;
}

/** Real OpenObserve makes data searchable after a short delay; the devserver should be immediate. */
const READ_AFTER_WRITE_TIMEOUT_MS = { devserver: 3_000, openobserve: 30_000 } as const;

export async function startContractTarget(): Promise<ContractTarget> {
  const remoteUrl = process.env.OPENOBSERVE_URL;
  const org = process.env.OPENOBSERVE_ORGANIZATION ?? 'default';
  if (remoteUrl) {
    console.info(
      `[contract] target: OpenObserve at ${remoteUrl} (org ${org}) because OPENOBSERVE_URL is set`,
    );
    return createContractTarget({
      kind: 'openobserve',
      url: remoteUrl.replace(/\/+$/, ''),
      org,
      authHeader: remoteAuthHeader(),
      stop: async () => {},
    });
  }
  const server = await startLocalDevServer();
  console.info(
    `[contract] target: in-process devserver at ${server.url} (memory) because OPENOBSERVE_URL is unset`,
  );
  return createContractTarget({
    kind: 'devserver',
    url: server.url,
    org,
    authHeader: basicAuthHeader(QUICK_START_USER, QUICK_START_PASSWORD),
    stop: () => server.stop(),
  });
}

/** Starts an extra devserver (for options only it has, such as a small payload limit). */
export async function startLocalDevServer(extra: Partial<DevServerOptions> = {}) {
  const { startDevServer } = await import('../src/index.js');
  return startDevServer({
    port: 0,
    host: '127.0.0.1',
    memory: true,
    user: QUICK_START_USER,
    password: QUICK_START_PASSWORD,
    rumToken: DEVSERVER_RUM_TOKEN,
    ...extra,
  });
}

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Prints why a target-specific test is skipped, then returns the condition for `it.skipIf`. */
export function skipBecause(condition: boolean, reason: string): boolean {
  if (condition) console.info(`[contract] skipped: ${reason}`);
  return condition;
}

/** Known before any test runs, so `it.skipIf` can use it while vitest collects tests. */
export function contractTargetKind(): ContractTarget['kind'] {
  return process.env.OPENOBSERVE_URL ? 'openobserve' : 'devserver';
}

function remoteAuthHeader(): string {
  const token = process.env.OPENOBSERVE_TOKEN;
  if (token) return `Basic ${token}`;
  return basicAuthHeader(
    process.env.OPENOBSERVE_USERNAME ?? QUICK_START_USER,
    process.env.OPENOBSERVE_PASSWORD ?? QUICK_START_PASSWORD,
  );
}

interface TargetBase {
  kind: ContractTarget['kind'];
  url: string;
  org: string;
  authHeader: string;
  stop(): Promise<void>;
}

function createContractTarget(base: TargetBase): ContractTarget {
  const fetchPath = (path: string, init: FetchPathInit = {}) => {
    const { auth = true, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (auth && !headers.has('authorization')) headers.set('authorization', base.authHeader);
    return fetch(`${base.url}${path}`, { ...rest, headers });
  };

  const search: ContractTarget['search'] = async (sql, startUs, endUs, options = {}) => {
    const query: Record<string, unknown> = { sql, start_time: startUs, end_time: endUs };
    if (options.from !== undefined) query.from = options.from;
    if (options.size !== undefined) query.size = options.size;
    const typeParam = options.type ? `?type=${options.type}` : '';
    const response = await fetchPath(`/api/${base.org}/_search${typeParam}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, ...options.body }),
    });
    return readHttpResult<SearchBody>(response);
  };

  return {
    ...base,
    fetchPath,
    search,
    async ingestJson(stream, records) {
      const response = await fetchPath(`/api/${base.org}/${stream}/_json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(records),
      });
      return readHttpResult<IngestBody>(response);
    },
    searchUntil(sql, startUs, endUs, isDone, options) {
      return eventually(() => search(sql, startUs, endUs, options), isDone, {
        timeoutMs: READ_AFTER_WRITE_TIMEOUT_MS[base.kind],
      });
    },
    uniqueStream(prefix) {
      if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`uniqueStream prefix must be normalised: ${prefix}`);
      return `${prefix}_${randomBytes(4).toString('hex')}`;
    },
  };
}

export async function readHttpResult<T>(response: Response): Promise<HttpResult<T>> {
  const text = await response.text();
  let body: T | undefined;
  try {
    body = text ? (JSON.parse(text) as T) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}
