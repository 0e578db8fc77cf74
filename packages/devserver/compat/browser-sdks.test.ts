/**
 * OpenObserve's browser SDKs (`@openobserve/browser-logs` and `@openobserve/browser-rum`, their
 * CDN bundles from the npm packages) in headless Chromium, on a shop page served from another
 * local origin, sending to the devserver's RUM intake as they would to OpenObserve's.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { startTestServer } from '../test/helpers.js';
import { launchChromium } from '../test/launch-chromium.js';
import { rowsWhenArrived } from './eventually-rows.js';

const require = createRequire(import.meta.url);
const BUNDLES: Record<string, string> = {
  '/openobserve-logs.js': require.resolve('@openobserve/browser-logs/bundle/openobserve-logs.js'),
  '/openobserve-rum.js': require.resolve('@openobserve/browser-rum/bundle/openobserve-rum.js'),
};

let server: DevServer;
let shop: Server;
let browser: Browser;

function shopPage(devserverHost: string): string {
  const config = {
    clientToken: 'rumCompatSuite0001',
    site: devserverHost,
    organizationIdentifier: 'default',
    service: 'shop-web',
    env: 'dev',
    version: '1.2.3',
    insecureHTTP: true,
    apiVersion: 'v1',
  };
  return `<!doctype html><html><head><title>shop</title>
<script src="/openobserve-logs.js"></script><script src="/openobserve-rum.js"></script>
<script>
  window.OO_LOGS.init(${JSON.stringify({ ...config, forwardErrorsToLogs: false })});
  window.OO_RUM.init(${JSON.stringify({ ...config, applicationId: 'shop-app', sessionSampleRate: 100, trackUserInteractions: true })});
</script></head><body><h1>Shop</h1></body></html>`;
}

beforeAll(async () => {
  server = await startTestServer();
  const devserverHost = new URL(server.url).host;
  shop = createServer((request, response) => {
    const bundle = BUNDLES[request.url ?? ''];
    if (bundle) {
      void readFile(bundle).then((code) => {
        response.writeHead(200, { 'content-type': 'text/javascript' });
        response.end(code);
      });
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(shopPage(devserverHost));
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => shop?.close(resolve));
  await server?.stop();
});

it('stores browser logs and RUM events with their tags and the parsed user agent', async () => {
  const page = await browser.newPage();
  const shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
  await page.goto(shopUrl);
  // Both SDKs start asynchronously after `init` (the session cookie goes through the Cookie Store
  // and Web Locks APIs): until then calls are only buffered and there is no batch to send, so a page
  // left earlier sends nothing. A person stays longer than that; the test waits for it to happen.
  // Page code as text: this package compiles without the DOM's types.
  await page.waitForFunction(
    `window.OO_LOGS.getInternalContext() !== undefined && window.OO_RUM.getInternalContext() !== undefined`,
  );
  await page.evaluate(`
    window.OO_LOGS.logger.info('checkout started', { order_id: 'o-9' });
    window.OO_RUM.addAction('add_to_cart', { sku: 'sku-1' });
  `);
  // Leaving the page (a trusted `beforeunload`) makes both SDKs send what they hold as beacons,
  // which Chromium delivers after the page is gone. A synthetic `visibilitychange` would not do:
  // the SDKs ignore untrusted events.
  await page.goto('about:blank');
  await page.close();

  const logs = await rowsWhenArrived(server, `SELECT * FROM "_rumlog" WHERE message = 'checkout started'`, 1);
  expect(logs.json.hits[0]).toMatchObject({
    order_id: 'o-9',
    status: 'info',
    service: 'shop-web',
    env: 'dev',
    version: '1.2.3',
    sdk_version: expect.any(String),
    user_agent_user_agent_family: 'HeadlessChrome',
    user_agent_os_family: 'Linux',
    o2source: 'browser',
  });
  expect(logs.json.hits[0].ip).toMatch(/127\.0\.0\.1$/);

  const actions = await rowsWhenArrived(
    server,
    `SELECT type, action_target_name, context_sku, service, env, version FROM "_rumdata" WHERE type = 'action'`,
    1,
  );
  expect(actions.json.hits[0]).toMatchObject({
    type: 'action',
    action_target_name: 'add_to_cart',
    context_sku: 'sku-1',
    service: 'shop-web',
    env: 'dev',
    version: '1.2.3',
  });
  // RUM sends a view again with each update: waits for one row, not for a count that is already 1.
  const views = await rowsWhenArrived(
    server,
    `SELECT type, view_url, service FROM "_rumdata" WHERE type = 'view' LIMIT 1`,
    1,
  );
  expect(views.json.hits[0]).toMatchObject({ type: 'view', view_url: shopUrl, service: 'shop-web' });
});
