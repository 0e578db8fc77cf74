// Everything real for the Chromium tests: a devserver, @shoptel/node's relay in front of it, the
// storefront fixture serving the built script tag, and headless Chromium.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createSearchClient,
  OpenObserveQueryError,
  resolveConfig,
  type SqlFragment,
  sql,
} from '@shoptel/core';
import { type DevServer, startDevServer } from '@shoptel/devserver';
import { createShoptel, type Shoptel } from '@shoptel/node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStorefront } from '../../storefront/start-storefront.mjs';
import { launchChromium } from './launch-chromium.js';

const AUTH = { username: 'root@example.com', password: 'Complexpass#123' };
const BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'shoptel.global.js');

/** One behaviour row as the tests read it back. */
export interface Row {
  event_id: string;
  event_type: string;
  event_time: string;
  session_id: string;
  anonymous_id: string;
  page?: string;
  product_id?: string;
  price?: number;
  quantity?: number;
  total_amount?: number;
  order_id?: string;
  search_query?: string;
  currency?: string;
  source?: string;
  browser?: string;
  user_agent?: string;
  sdk?: string;
}

export interface Storefront {
  readonly url: string;
  readonly browser: Browser;
  /** Awaited before the relay handles each request: lets a test hold requests in flight. */
  gate: () => Promise<void>;
  /** Sends what the relay's client holds, then reads rows of this file's service. */
  rows(where?: SqlFragment): Promise<Row[]>;
}

/** Starts the stack once for a test file; `tagData` adds data-* attributes to every script tag. */
export function useStorefront(service: string, tagData = ''): Storefront {
  let dev: DevServer;
  let shoptel: Shoptel;
  let storefront: Awaited<ReturnType<typeof startStorefront>>;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build the package first (pnpm build)`);
    dev = await startDevServer({ port: 0 });
    shoptel = createShoptel({ url: dev.url, auth: AUTH, serviceName: service });
    // Every journey comes from 127.0.0.1: the per-IP rate limit would only measure the test.
    const relay = shoptel.relay({ rateLimit: false });
    storefront = await startStorefront({
      relay: (req, res) => {
        handle.gate().then(() => relay(req, res));
      },
      tagData,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await storefront?.close();
    await shoptel?.shutdown();
    await dev?.stop();
  });
  const handle: Storefront = {
    gate: () => Promise.resolve(),
    get url() {
      return storefront.url;
    },
    get browser() {
      return browser;
    },
    async rows(where) {
      await shoptel.flush();
      const search = createSearchClient(resolveConfig({ url: dev.url, auth: AUTH }));
      const rows: Row[] = [];
      try {
        for await (const row of search.searchAll<Row>({
          // `*`: a field no event has carried yet is not in the stream's schema and cannot be named.
          sql: sql`SELECT * FROM ${sql.id('user_behavior')} WHERE service = ${service} ${where ?? sql``} ORDER BY event_time, event_id`,
          start: new Date(Date.now() - 6 * 3600_000),
          end: new Date(Date.now() + 60_000),
          pageSize: 1000,
        }))
          rows.push(row);
      } catch (error) {
        // Before the first event arrives the stream does not exist yet: no rows.
        if (error instanceof OpenObserveQueryError && /stream not found/i.test(error.message)) return [];
        throw error;
      }
      return rows;
    },
  };
  return handle;
}

/** Polls `read` until `done` holds, then once more after a pause so late duplicates would show. */
export async function waitForRows<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await read();
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return read();
}
