import { context, trace } from '@opentelemetry/api';
import { sql } from '@shoptel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import type { ShoptelNodeError } from '../errors/node-error.js';
import { createShoptel, type Shoptel } from '../shoptel/create-shoptel.js';

const dev = useDevServer();
let shoptel: Shoptel | undefined;
afterEach(async () => {
  await shoptel?.shutdown();
  shoptel = undefined;
});

const spanRows = (where: ReturnType<typeof sql>) =>
  dev.rows<Record<string, unknown>>(sql`SELECT * FROM ${sql.id('traces')} WHERE ${where}`, 'traces');

describe('tracing', () => {
  it('ships spans as OTLP/JSON to the traces stream, and logs inside withSpan carry their ids', async () => {
    const errors: ShoptelNodeError[] = [];
    shoptel = createShoptel({
      url: dev.url,
      auth: AUTH,
      serviceName: 'traced-api',
      serviceVersion: '1.2.3',
      tracing: { enabled: true, samplingRate: 1 },
      onError: (e) => errors.push(e),
    });
    const { tracing, logger } = shoptel;
    expect(tracing.enabled).toBe(true);
    let traceId = '';
    const total = await tracing.withSpan('place_order', { orderId: 'o-7', itemCount: 2 }, async (span) => {
      traceId = span.spanContext().traceId;
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.logOrderEvent('o-7', 'created'); // after an await: the context followed
      const db = tracing.startDatabaseSpan('insert order', 'orders', 'INSERT', { rows: 1 });
      db.end();
      tracing.startHttpSpan('post', 'https://psp.example/charge', { paymentId: 'p-7' }).end();
      tracing.startCacheSpan('cache get', 'cart:42', 'GET').end();
      tracing.startMessageSpan('publish order', 'orders.created', 'publish').end();
      const business = tracing.startBusinessSpan('reserve stock', { productId: 'sku-1' });
      tracing.addEvent(business, 'reserved', { quantity: 2 });
      tracing.setAttributes(business, { warehouse: 'w1' });
      business.end();
      return 42;
    });
    expect(total).toBe(42);
    expect(() =>
      tracing.withSpan('sync_failure', { cartId: 'c-1' }, () => {
        throw new TypeError('bad cart');
      }),
    ).toThrow('bad cart');
    await expect(
      tracing.withSpan('async_failure', { cartId: 'c-1' }, async () => {
        throw new Error('card declined');
      }),
    ).rejects.toThrow('card declined');
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const [log] = await dev.rows<Record<string, unknown>>(
      sql`SELECT trace_id, span_id FROM ${sql.id('business_events')} WHERE order_id = ${'o-7'}`,
    );
    expect(log!.trace_id).toBe(traceId);
    const spans = await spanRows(sql`trace_id = ${traceId}`);
    const byName = Object.fromEntries(spans.map((s) => [s.operation_name, s]));
    expect(Object.keys(byName).sort()).toEqual(
      ['POST', 'cache get', 'insert order', 'place_order', 'publish order', 'reserve stock'].sort(),
    );
    expect(byName.place_order).toMatchObject({
      service_name: 'traced-api',
      shoptel_operation_type: 'business',
      order_id: 'o-7',
      span_id: log!.span_id,
    });
    expect(byName['insert order']).toMatchObject({
      db_collection_name: 'orders',
      db_operation_name: 'INSERT',
      shoptel_operation_type: 'database',
      reference_parent_span_id: log!.span_id,
    });
    expect(byName.POST).toMatchObject({
      http_request_method: 'POST',
      url_full: 'https://psp.example/charge',
      payment_id: 'p-7',
    });
    expect(byName['cache get']).toMatchObject({
      shoptel_cache_key: 'cart:42',
      shoptel_operation_type: 'cache',
    });
    expect(byName['publish order']).toMatchObject({
      messaging_destination_name: 'orders.created',
      messaging_operation_type: 'send',
    });
    expect(byName['reserve stock']).toMatchObject({ product_id: 'sku-1', warehouse: 'w1' });

    const failures = Object.fromEntries(
      (await spanRows(sql`cart_id = ${'c-1'}`)).map((span) => [span.operation_name, span]),
    );
    expect(failures.sync_failure).toMatchObject({
      span_status: 'ERROR',
      error_type: 'TypeError',
      status_message: 'bad cart',
    });
    expect(failures.async_failure).toMatchObject({ span_status: 'ERROR', status_message: 'card declined' });
    expect(JSON.parse(failures.async_failure!.events as string)[0]).toMatchObject({
      name: 'exception',
      'exception.message': 'card declined',
    });
  });

  it('is a set of cheap no-ops when disabled', async () => {
    shoptel = createShoptel({ url: dev.url, auth: AUTH });
    const { tracing } = shoptel;
    expect(tracing.enabled).toBe(false);
    const span = tracing.startBusinessSpan('x', { orderId: 'o' });
    expect(tracing.startDatabaseSpan('q', 't', 'SELECT')).toBe(span); // one shared span, nothing allocated
    expect(span.isRecording()).toBe(false);
    span.end();
    tracing.recordException(span, new Error('x'));
    tracing.addEvent(span, 'e');
    expect(tracing.withSpan('sync', {}, () => 1)).toBe(1);
    await expect(tracing.withSpan('async', {}, async () => 2)).resolves.toBe(2);
    expect(() =>
      tracing.withSpan('boom', {}, () => {
        throw new Error('own error');
      }),
    ).toThrow('own error');
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(context.active()).toBeDefined();
  });
});
