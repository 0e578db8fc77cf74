import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';

const dev = useDevServer();

describe('track* metadata checked as user_behavior types it (and as the relay does)', () => {
  it('upper-cases a currency, leaves out and reports a bad amount, reports items past 200', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'track-checks', currency: 'EUR' });
    const items = Array.from({ length: 250 }, (_, i) => ({ productId: `sku-${i}`, price: 1, quantity: 1 }));
    shoptel.behavior.trackPurchase('s-chk', 'o-chk', 250, 'u-1', { currency: 'usd', items });
    shoptel.behavior.trackProductView('s-chk', 'sku-1', undefined, {
      price: '9.99' as never,
      currency: 'euro',
    });
    await shoptel.shutdown();
    expect(errors.map((e) => e.message)).toEqual([
      'track PURCHASE: metadata.items holds 250 lines; the first 200 are kept',
      'track PRODUCT_VIEW: metadata.price must be a finite number; got 9.99 (left out)',
      'track PRODUCT_VIEW: metadata.currency must be an ISO 4217 code like EUR; got euro (left out)',
    ]);
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT event_type, currency FROM ${sql.id('user_behavior')} WHERE service = ${'track-checks'} ORDER BY event_type`,
    );
    expect(rows.map((r) => [r.event_type, r.currency ?? null])).toEqual([
      ['PRODUCT_VIEW', null],
      ['PURCHASE', 'USD'],
    ]);
  });
});
