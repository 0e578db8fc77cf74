// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's locator.innerText() reads what the page shows (rows tab-separated), not a DOM node's property.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { ingest, startTestServer } from './helpers.js';
import { launchChromium } from './launch-chromium.js';

let server: DevServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const now = Date.now();

beforeAll(async () => {
  server = await startTestServer();
  const records = Array.from({ length: 12 }, (_, i) => ({
    _timestamp: now - (i % 4) * 120_000 - i * 1000,
    action: i % 3 === 0 ? 'order_paid' : 'cart_add',
    amount: 10 + i,
    items: [{ sku: `sku-${i}`, qty: 1 }],
  }));
  expect((await ingest(server, 'shop_events', records)).status).toBe(200);
  expect((await ingest(server, 'other_stream', [{ x: 1 }])).status).toBe(200);
  browser = await launchChromium();
  context = await browser.newContext({
    httpCredentials: { username: 'root@example.com', password: 'Complexpass#123', send: 'always' },
    viewport: { width: 1280, height: 800 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.url}/?stream=shop_events`);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('the page, in headless Chromium', () => {
  it('preselects the stream, runs its query and shows the rows with readable local times', async () => {
    await expect.poll(() => page.locator('#hits tbody tr').count()).toBe(12);
    expect(await page.inputValue('#sql')).toBe('SELECT * FROM "shop_events"');
    expect(await page.locator('#streams button[aria-current="true"]').innerText()).toContain('shop_events');
    expect(await page.locator('#status').innerText()).toMatch(/^12 hits in \d+ ms$/);
    const headers = await page.locator('#hits thead th').allInnerTexts();
    expect(headers[0]).toBe('_timestamp');
    const first = await page.locator('#hits tbody tr').first().locator('td.time').innerText();
    expect(first).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    // Newest first, in the browser's local time.
    const expected = await page.evaluate((ms) => {
      const d = new Date(ms);
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
    }, now);
    expect(first).toBe(expected);
  });

  it('charts the records over time as SVG bars', async () => {
    await expect.poll(() => page.locator('#chart rect.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('#chart').isVisible()).toBe(true);
    const counts = await page.locator('#chart rect.bar title').allTextContents();
    const total = counts.reduce((sum, text) => sum + Number(text.split(': ').at(-1)), 0);
    expect(total).toBe(12);
  });

  it('lists the stream’s fields and types', async () => {
    const fields = await page.locator('#fields tbody tr').allInnerTexts();
    expect(fields.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(
      expect.arrayContaining(['_timestamp Int64', 'action Utf8', 'amount Int64', 'items Utf8']),
    );
  });

  it('expands a JSON cell on click', async () => {
    const cell = page.locator('#hits tbody tr').first().locator('td.json');
    await cell.click();
    const expanded = await cell.locator('pre').innerText();
    expect(JSON.parse(expanded)).toEqual([{ sku: 'sku-0', qty: 1 }]);
    expect(expanded).toContain('\n');
  });

  it('shows an error with OpenObserve’s code and message', async () => {
    await page.fill('#sql', 'SELECT no_such_field FROM "shop_events"');
    await page.click('#run');
    const error = page.locator('#error');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toBe('Error 20004: Search field not found: no_such_field');
    expect(await page.locator('#hits tbody tr').count()).toBe(0);
  });

  it('runs a grouped query over a chosen time range', async () => {
    await page.selectOption('#range', '15');
    await page.fill(
      '#sql',
      'SELECT action, count(*) AS n FROM "shop_events" GROUP BY action ORDER BY action',
    );
    await page.click('#run');
    await expect
      .poll(() => page.locator('#hits tbody tr').allInnerTexts())
      .toEqual(['cart_add\t8', 'order_paid\t4']);
    expect(await page.locator('#error').isHidden()).toBe(true);
  });

  it('switches stream from the list', async () => {
    await page.click('#streams button[data-stream="other_stream"]');
    await expect.poll(() => page.inputValue('#sql')).toBe('SELECT * FROM "other_stream"');
    await expect.poll(() => page.locator('#hits tbody tr').count()).toBe(1);
  });
});
