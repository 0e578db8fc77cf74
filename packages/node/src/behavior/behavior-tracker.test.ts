import type { IncomingMessage } from 'node:http';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';

const dev = useDevServer();
const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

const rowsOf = (service: string) =>
  dev.rows<Record<string, unknown>>(
    sql`SELECT * FROM ${sql.id('user_behavior')} WHERE service = ${service} ORDER BY event_type`,
  );

describe('behavior → user_behavior', () => {
  it('tracks every seed call from a Node request with device fields, IP and UTM tags', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'shop-ssr', currency: 'EUR' });
    const { behavior } = shoptel;
    const app = await startHttpServer((req: IncomingMessage, res) => {
      behavior.trackPageView('s-1', '/home', 'u-1', { req, title: 'Home' });
      behavior.trackProductView('s-1', 'sku-1', 'u-1', {
        req,
        productName: 'Mug',
        price: 12.5,
        categoryId: 'kitchen',
      });
      behavior.trackSearch('s-1', 'blue mug', undefined, { req });
      behavior.trackCartOperation('s-1', 'CART_ADD', 'sku-1', 2, 12.5, 'u-1', { req, cartId: 'c-1' });
      behavior.trackCartOperation('s-1', 'CART_REMOVE', 'sku-1', 1, 12.5, 'u-1', { req, cartId: 'c-1' });
      behavior.trackCheckout('s-1', 'o-1', 25, 'u-1', {
        req,
        items: [{ productId: 'sku-1', name: 'Mug', price: 12.5, quantity: 2 }],
      });
      behavior.trackPurchase('s-1', 'o-1', 25, 'u-1', { req, paymentMethod: 'card' });
      res.end('ok');
    });
    await fetch(`${app.url}/home?utm_source=news&utm_campaign=spring`, {
      headers: {
        'user-agent': CHROME_MAC,
        'accept-language': 'de-DE,de;q=0.9',
        referer: 'https://search.example/q',
        'x-forwarded-for': '203.0.113.7', // not trusted: the socket address wins
      },
    }).then((r) => r.text());
    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const rows = await rowsOf('shop-ssr');
    expect(rows.map((r) => r.event_type).sort()).toEqual(
      ['CART_ADD', 'CART_REMOVE', 'CHECKOUT', 'PAGE_VIEW', 'PRODUCT_VIEW', 'PURCHASE', 'SEARCH'].sort(),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        session_id: 's-1',
        source: 'server',
        user_agent: CHROME_MAC,
        browser: 'Chrome',
        browser_version: '120.0.0.0',
        os: 'Mac OS',
        device_type: 'desktop',
        platform: 'Mac OS',
        ip: '127.0.0.1',
        language: 'de-DE',
        referrer: 'https://search.example/q',
        utm_source: 'news',
        utm_campaign: 'spring',
        sdk: 'shoptel-node/0.1.0',
      });
    }
    const by = Object.fromEntries(rows.map((r) => [r.event_type, r]));
    expect(by.PAGE_VIEW).toMatchObject({ page: '/home', title: 'Home', user_id: 'u-1' });
    expect(by.PRODUCT_VIEW).toMatchObject({
      product_id: 'sku-1',
      product_name: 'Mug',
      price: 12.5,
      currency: 'EUR',
      category_id: 'kitchen',
    });
    expect(by.SEARCH).toMatchObject({ search_query: 'blue mug' });
    expect(by.SEARCH!.user_id).toBeUndefined();
    expect(by.CART_ADD).toMatchObject({ product_id: 'sku-1', quantity: 2, price: 12.5, cart_id: 'c-1' });
    expect(by.CHECKOUT).toMatchObject({ order_id: 'o-1', total_amount: 25, currency: 'EUR' });
    expect(JSON.parse(by.CHECKOUT!.items as string)).toEqual([
      { product_id: 'sku-1', name: 'Mug', price: 12.5, quantity: 2 },
    ]);
    expect(by.PURCHASE).toMatchObject({ order_id: 'o-1', metadata_paymentmethod: 'card' });
  });

  it('takes Fetch Requests, honours X-Forwarded-For only with trustProxy, and survives bare requests', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'edge', trustProxy: 1 });
    const { behavior } = shoptel;
    const req = new Request('https://shop.example/p/1?utm_medium=email', {
      headers: {
        'user-agent': SAFARI_IPHONE,
        'x-forwarded-for': '198.51.100.1, 203.0.113.9',
        'sec-ch-ua-platform': '"iOS"',
      },
    });
    behavior.trackProductView('s-2', 'sku-9', 'u-2', { req });
    expect(() => {
      behavior.trackPageView('s-3', '/bare', undefined, { req: {} as IncomingMessage });
      behavior.trackPageView('s-4', '/null-headers', undefined, {
        req: { headers: null } as unknown as IncomingMessage,
      });
      behavior.trackCartOperation('s-5', 'CART_EMPTY' as 'CART_ADD', 'sku', 1, 1);
      behavior.trackCheckout('s-6', 'o-9', Number.NaN);
    }).not.toThrow();
    await shoptel.shutdown();
    expect(errors.map((e) => e.reason)).toEqual(['invalid_input', 'invalid_input']);

    const by = Object.fromEntries((await rowsOf('edge')).map((r) => [r.session_id, r]));
    expect(by['s-2']).toMatchObject({
      ip: '203.0.113.9', // one trusted proxy: the address it saw
      browser: 'Mobile Safari',
      os: 'iOS',
      device_type: 'mobile',
      platform: 'iOS',
      utm_medium: 'email',
    });
    expect(by['s-3']).toMatchObject({ event_type: 'PAGE_VIEW', page: '/bare' });
    expect(by['s-3']!.ip).toBeUndefined();
    expect(by['s-4']).toMatchObject({ page: '/null-headers' });
    expect(by['s-6']).toMatchObject({ event_type: 'CHECKOUT', order_id: 'o-9' });
    expect(by['s-6']!.total_amount).toBeUndefined();
    expect(by['s-5']).toBeUndefined();
  });
});
