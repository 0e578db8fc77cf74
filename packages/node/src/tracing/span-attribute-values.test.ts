import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';

const dev = useDevServer();

describe('span attributes that are not primitives', () => {
  it('keep a Date as ISO 8601 and a BigInt as its decimal text instead of leaving them out', async () => {
    const { shoptel, errors } = dev.shoptel({
      serviceName: 'span-values',
      tracing: { enabled: true, samplingRate: 1 },
    });
    await shoptel.tracing.withSpan(
      'place_order',
      { orderId: 'o-dates', createdAt: new Date('2026-12-01T10:00:00Z'), amountMinor: 12_345n },
      async () => {},
    );
    await shoptel.shutdown();
    expect(errors).toEqual([]);
    const [span] = await dev.rows<Record<string, unknown>>(
      sql`SELECT createdat, amountminor FROM ${sql.id('traces')} WHERE order_id = ${'o-dates'}`,
      'traces',
    );
    expect(span).toMatchObject({ createdat: '2026-12-01T10:00:00.000Z', amountminor: '12345' });
  });
});
