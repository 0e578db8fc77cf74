import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { createFieldNameCache } from '@shoptel/core';
import { HttpError } from '../http/http-error.js';
import { createPreparePool } from '../ingest/create-prepare-pool.js';
import { createStore } from '../store/create-store.js';
import { enforceAllRetention } from '../streams/enforce-retention.js';
import { answerError } from './answer-error.js';
import { type DevServerOptions, resolveDevServerOptions } from './resolve-dev-server-options.js';
import { routeRequest } from './route-request.js';
import type { ServerContext } from './server-context.js';

/** A running devserver. */
export interface DevServer {
  /** Base URL, e.g. `http://127.0.0.1:5080`. */
  url: string;
  port: number;
  /** Where the data lives: the DuckDB file, or `:memory:`. */
  dataPath: string;
  /**
   * Stops accepting requests and interrupts running searches; requests in flight get
   * `stopGraceMs` to finish before their connections are closed. Then waits for writes, loads
   * every queued row and closes the database. Calling it again with `{ force: true }` skips
   * what is left of the grace period.
   */
  stop(options?: StopOptions): Promise<void>;
}

export interface StopOptions {
  /** Close open connections now instead of after the grace period; queued rows are still loaded. */
  force?: boolean;
}

/**
 * Starts a local OpenObserve-compatible server on DuckDB.
 *
 * @example
 * const server = await startDevServer({ port: 0 });
 * // POST `${server.url}/api/default/app_logs/_json` with Basic root@example.com:Complexpass#123
 * await server.stop();
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const resolved = resolveDevServerOptions(options, availableParallelism());
  const store = await createStore({
    path: resolved.dataPath,
    ...(resolved.memoryLimit !== undefined ? { memoryLimit: resolved.memoryLimit } : {}),
  });
  const prepare = createPreparePool(resolved.ingestWorkers);
  const context: ServerContext = { options: resolved, store, prepare, fieldName: createFieldNameCache() };

  const inFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const handled = handle(context, request, response);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  server.keepAliveTimeout = 30_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await prepare.close();
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const retentionSweep = setInterval(() => void enforceAllRetention(store), resolved.retentionSweepMs);
  retentionSweep.unref();
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let stopping: Promise<void> | undefined;
  let forceNow = () => {};
  const forced = new Promise<void>((resolve) => {
    forceNow = resolve;
  });
  return {
    url: `http://${host}:${port}`,
    port,
    dataPath: resolved.dataPath ?? ':memory:',
    stop(stopOptions = {}) {
      if (stopOptions.force) forceNow();
      stopping ??= (async () => {
        clearInterval(retentionSweep);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        store.interruptReads();
        // A client that sent half a body (or keeps a slow request open) must not hold the stop
        // for Node's 300 s request timeout: after the grace period its connection is closed.
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, resolved.stopGraceMs);
        });
        await Promise.race([closed, grace, forced]);
        clearTimeout(timer);
        server.closeAllConnections();
        await closed;
        // Handlers whose connection was closed still finish their writes before the store closes.
        await Promise.allSettled([...inFlight]);
        await prepare.close();
        await store.close();
      })();
      return stopping;
    },
  };
}

async function handle(
  context: ServerContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const started = performance.now();
  try {
    const url = new URL(request.url ?? '/', 'http://devserver');
    const segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
    await routeRequest(context, { request, response, url, segments });
  } catch (error) {
    answerError(response, error instanceof URIError ? new HttpError(400, 'Error# malformed URL') : error);
    // Leftover body bytes of a rejected request must not be parsed as the next request.
    if (!request.complete) request.resume();
  } finally {
    if (context.options.log) {
      const ms = (performance.now() - started).toFixed(1);
      console.error(`${request.method} ${request.url} ${response.statusCode} ${ms}ms`);
    }
  }
}
