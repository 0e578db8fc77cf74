import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';

const dev = useDevServer();

describe('metric labels leave the process masked, like records', () => {
  it('masks card numbers and hides secret-named labels in the push and in the Prometheus text', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'metric-masking' });
    const payments = shoptel.metrics.registerCounter('masked_payments_total', 'Payments', {
      merchant_note: 'test card 4111 1111 1111 1111 cvc 321',
    });
    payments.inc(1, { pan_hint: '5500000000000004', password: 'hunter2', status: 'paid' });
    const text = shoptel.metrics.toPrometheusText();
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    for (const leak of ['4111 1111 1111 1111', '5500000000000004', 'hunter2', 'cvc 321'])
      expect(text).not.toContain(leak);
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('masked_payments_total')} WHERE status = ${'paid'}`,
      'metrics',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      merchant_note: 'test card ************1111 cvc ***',
      pan_hint: '************0004',
      password: '[REDACTED]',
      value: 1,
    });
  });

  it('writes half an emoji in a label as U+FFFD (OpenObserve refuses the whole push for its escape)', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'metric-halves' });
    const views = shoptel.metrics.registerCounter('halved_views_total', 'Views');
    views.inc(1, { product: 'Mug \ud83d', page: 'cart 🛒' });
    await shoptel.shutdown();
    expect(errors).toEqual([]);
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('halved_views_total')}`,
      'metrics',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ product: 'Mug \ufffd', page: 'cart 🛒', value: 1 });
  });
});
