import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { createFieldNameCache } from '@shoptel/core';
import { HttpError } from '../http/http-error.js';
import { createPreparePool } from '../ingest/create-prepare-pool.js';
import { createStore } from '../store/create-store.js';
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
  /** Stops accepting requests, waits for writes, loads every queued row and closes the database. */
  stop(): Promise<void>;
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
  const store = await createStore({ path: resolved.dataPath });
  const prepare = createPreparePool(resolved.ingestWorkers);
  const context: ServerContext = { options: resolved, store, prepare, fieldName: createFieldNameCache() };

  const server = createServer((request, response) => {
    void handle(context, request, response);
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
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    dataPath: resolved.dataPath ?? ':memory:',
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
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
