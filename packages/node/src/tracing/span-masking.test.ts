import { sql } from '@shoptel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { createShoptel, type Shoptel } from '../shoptel/create-shoptel.js';

const dev = useDevServer();
let shoptel: Shoptel | undefined;
afterEach(async () => {
  await shoptel?.shutdown();
  shoptel = undefined;
});

const CARD = '4111111111111111';

describe('spans leave the process with card numbers and secrets masked, like records', () => {
  it('masks attributes, events, exception text, status and url query secrets', async () => {
    shoptel = createShoptel({ url: dev.url, auth: AUTH, tracing: { enabled: true, samplingRate: 1 } });
    const { tracing } = shoptel;
    const span = tracing.startBusinessSpan(`charge card ${CARD}`, {
      orderId: 'o-mask',
      note: `paid with ${CARD}`,
      password: 'hunter2',
      apiKey: 'k-123456',
    });
    tracing.setAttributes(span, {
      cardNumber: '5500 0000 0000 0004',
      'http.request.header.authorization': 'Bearer abc',
    });
    tracing.addEvent(span, 'charged', { card: CARD, last4: '1111' });
    tracing.recordException(span, new Error(`declined for ${CARD}`));
    span.end();
    tracing
      .startHttpSpan('GET', `https://psp.example/x?access_token=secret123&card=${CARD}&page=2`, {
        orderId: 'o-mask',
      })
      .end();
    await shoptel.shutdown();

    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('traces')} WHERE order_id = ${'o-mask'}`,
      'traces',
    );
    expect(rows).toHaveLength(2);
    const text = JSON.stringify(rows);
    for (const leak of [CARD, '5500 0000 0000 0004', 'hunter2', 'k-123456', 'Bearer abc', 'secret123'])
      expect(text).not.toContain(leak);
    const business = rows.find((r) => r.shoptel_operation_type === 'business')!;
    expect(business).toMatchObject({
      operation_name: 'charge card ************1111',
      note: 'paid with ************1111',
      password: '[REDACTED]',
      apikey: '[REDACTED]',
      cardnumber: '[REDACTED]',
      status_message: 'declined for ************1111',
    });
    const events = JSON.parse(business.events as string) as Record<string, unknown>[];
    expect(events.find((e) => e.name === 'charged')).toMatchObject({ card: '[REDACTED]', last4: '1111' });
    expect(events.find((e) => e.name === 'exception')).toMatchObject({
      'exception.message': 'declined for ************1111',
    });
    const http = rows.find((r) => r.shoptel_operation_type === 'http')!;
    expect(http.url_full).toBe('https://psp.example/x?access_token=[REDACTED]&card=[REDACTED]&page=2');
  });
});
