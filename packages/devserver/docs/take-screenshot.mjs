// Regenerates docs/page.png, the screenshot in the README: a devserver (from dist/, so run
// `pnpm build` first) with an hour of shop events, its page in headless Chromium.
// Usage: node docs/take-screenshot.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDevServer } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const server = await startDevServer({ port: 0, memory: true });
const auth = `Basic ${Buffer.from('root@example.com:Complexpass#123').toString('base64')}`;
const now = Date.now();
const actions = ['page_view', 'product_view', 'cart_add', 'checkout_started', 'order_paid'];
const records = Array.from({ length: 400 }, (_, i) => {
  const action = actions[Math.floor(Math.abs(Math.sin(i * 7.3)) * actions.length)];
  return {
    _timestamp: now - Math.floor(Math.abs(Math.sin(i * 1.7)) * 55 * 60_000) - i * 900,
    action,
    user_id: `u-${i % 37}`,
    session_id: `s-${i % 61}`,
    amount: action === 'order_paid' ? 20 + (i % 80) : undefined,
    currency: 'EUR',
    page: { path: `/products/${i % 12}`, referrer: i % 5 === 0 ? 'https://search.example/' : undefined },
    cart: action === 'cart_add' ? [{ sku: `sku-${i % 12}`, qty: 1 + (i % 3) }] : undefined,
  };
});
await fetch(`${server.url}/api/default/user_behavior/_json`, {
  method: 'POST',
  headers: { authorization: auth, 'content-type': 'application/json' },
  body: JSON.stringify(records),
});
await fetch(`${server.url}/api/default/application_logs/_json`, {
  method: 'POST',
  headers: { authorization: auth, 'content-type': 'application/json' },
  body: JSON.stringify([{ level: 'info', message: 'checkout service started' }]),
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const context = await browser.newContext({
  httpCredentials: { username: 'root@example.com', password: 'Complexpass#123', send: 'always' },
  viewport: { width: 1280, height: 760 },
});
const page = await context.newPage();
await page.goto(`${server.url}/?stream=user_behavior`);
await page.locator('#chart rect.bar').first().waitFor();
await page.selectOption('#range', '60');
await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('200 hits'));
await page.waitForFunction(() => document.querySelectorAll('#chart rect.bar').length > 40);
await page.locator('#hits tbody tr td.json').first().click();
await page.locator('.results').evaluate((element) => element.scrollTo(0, 0));
await page.screenshot({ path: join(here, 'page.png') });
await browser.close();
await server.stop();
console.log(`wrote ${join(here, 'page.png')}`);
