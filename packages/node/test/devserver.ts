// One devserver per test file (in process, port 0), and the searches tests read records back with.
import { createSearchClient, resolveConfig, type SearchStreamType, type SqlFragment } from '@shoptel/core';
import { type DevServer, startDevServer } from '@shoptel/devserver';
import { afterAll, beforeAll } from 'vitest';
import type { ShoptelNodeOptions } from '../src/config/node-options.js';
import type { ShoptelNodeError } from '../src/errors/node-error.js';
import { createShoptel, type Shoptel } from '../src/shoptel/create-shoptel.js';

export const AUTH = { username: 'root@example.com', password: 'Complexpass#123' };

export interface TestDevServer {
  readonly url: string;
  readonly server: DevServer;
  /** shoptel pointed at this devserver, with every `onError` report collected in `errors`. */
  shoptel(options?: ShoptelNodeOptions): { shoptel: Shoptel; errors: ShoptelNodeError[] };
  /** Rows of a query over the last six hours (to a minute ahead). */
  rows<Row = Record<string, unknown>>(
    sql: SqlFragment | string,
    streamType?: SearchStreamType,
  ): Promise<Row[]>;
}

/** Starts a devserver before the file's tests and stops it after them. */
export function useDevServer(): TestDevServer {
  let server: DevServer | undefined;
  beforeAll(async () => {
    server = await startDevServer({ port: 0 });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const handle: TestDevServer = {
    get url() {
      return server!.url;
    },
    get server() {
      return server!;
    },
    shoptel(options = {}) {
      const errors: ShoptelNodeError[] = [];
      const shoptel = createShoptel({
        url: server!.url,
        auth: AUTH,
        onError: (e) => errors.push(e),
        ...options,
      });
      return { shoptel, errors };
    },
    async rows(sql, streamType) {
      const search = createSearchClient(resolveConfig({ url: server!.url, auth: AUTH }));
      const result = await search.search({
        sql,
        start: new Date(Date.now() - 6 * 3600_000),
        end: new Date(Date.now() + 60_000),
        ...(streamType ? { streamType } : {}),
      });
      return result.hits as never[];
    },
  };
  return handle;
}
