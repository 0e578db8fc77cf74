import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PreparePool } from '../ingest/create-prepare-pool.js';
import type { Store } from '../store/create-store.js';
import type { ResolvedDevServerOptions } from './resolve-dev-server-options.js';

/** What every request handler gets. */
export interface ServerContext {
  options: ResolvedDevServerOptions;
  store: Store;
  prepare: PreparePool;
  fieldName: (key: string) => string;
}

export interface RequestInfo {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** Decoded path segments. */
  segments: string[];
}
