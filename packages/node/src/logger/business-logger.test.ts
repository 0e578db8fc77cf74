import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { runWithRequestContext } from '../context/request-context.js';

const dev = useDevServer();

describe('logger → business_events', () => {
  it('writes every seed call with the wire-format fields, context and config', async () => {
    const { shoptel, errors } = dev.shoptel({
      serviceName: 'orders-api',
      currency: 'EUR',
      minLevel: 'DEBUG',
    });
    const { logger } = shoptel;
    runWithRequestContext({ requestId: 'req-1', userId: 'u-ctx', sessionId: 's-1' }, () => {
      logger.logOrderEvent('o-1', 'created', { amount: 99.5, channel: 'web', tags: { region: 'eu' } });
    });
    logger.logUserAction('login', 'u-1', { method: 'password' });
    logger.logPaymentEvent('p-1', 'captured', 99.5, 'succeeded', {
      orderId: 'o-1',
      provider: { name: 'stripe' },
    });
    logger.logInventoryEvent('sku-1', 'reserved', 2, { warehouse: 'w1' });
    logger.logSystemEvent('cache_warm', 'DEBUG', { keys: 120 });
    logger.log({
      level: 'WARN',
      category: 'ORDER',
      action: 'order_delayed',
      businessContext: { orderId: 'o-2', status: 'late', amount: 5, currency: 'USD' },
      userId: 'u-2',
    });
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('business_events')} WHERE service = ${'orders-api'} ORDER BY action`,
    );
    const byAction = Object.fromEntries(rows.map((row) => [row.action, row]));
    expect(Object.keys(byAction).sort()).toEqual(
      ['cache_warm', 'captured', 'created', 'login', 'order_delayed', 'reserved'].sort(),
    );
    expect(byAction.created).toMatchObject({
      level: 'INFO',
      category: 'ORDER',
      message: 'Order event: created for order o-1',
      order_id: 'o-1',
      amount: 99.5,
      currency: 'EUR',
      metadata_channel: 'web',
      tags_region: 'eu',
      request_id: 'req-1',
      user_id: 'u-ctx',
      session_id: 's-1',
      sdk: 'shoptel-node/0.1.0',
    });
    expect(byAction.created!.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(byAction.created!.event_time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(byAction.login).toMatchObject({ category: 'USER', user_id: 'u-1', metadata_method: 'password' });
    expect(byAction.captured).toMatchObject({
      category: 'PAYMENT',
      payment_id: 'p-1',
      amount: 99.5,
      currency: 'EUR',
      status: 'succeeded',
      order_id: 'o-1',
      metadata_provider_name: 'stripe',
    });
    expect(byAction.reserved).toMatchObject({ category: 'INVENTORY', product_id: 'sku-1', quantity: 2 });
    expect(byAction.cache_warm).toMatchObject({ category: 'SYSTEM', level: 'DEBUG', metadata_keys: 120 });
    expect(byAction.order_delayed).toMatchObject({
      level: 'WARN',
      order_id: 'o-2',
      status: 'late',
      currency: 'USD',
      user_id: 'u-2',
    });
    expect(byAction.login!.request_id).toBeUndefined();
  });

  it('records nothing below the minimum level and never throws on bad input', async () => {
    const { shoptel, errors } = dev.shoptel({ minLevel: 'WARN' });
    const { logger } = shoptel;
    logger.logOrderEvent('o-1', 'created');
    logger.logUserAction('login', 'u-1');
    logger.logSystemEvent('noise', 'INFO');
    logger.log({ level: 'DEBUG', category: 'SYSTEM', action: 'x' });
    expect(shoptel.stats().enqueued).toBe(0);
    expect(logger.isLevelEnabled('INFO')).toBe(false);
    expect(logger.isLevelEnabled('ERROR')).toBe(true);

    const bad = logger as unknown as Record<string, (...args: unknown[]) => void>;
    expect(() => {
      bad.log!(null);
      bad.log!({ level: 'ERROR', category: 'NOPE', action: 'x' });
      bad.log!({ level: 'ERROR', category: 'ORDER' });
      bad.logSystemEvent!('boom', 'FATAL');
    }).not.toThrow();
    await shoptel.shutdown();
    expect(errors.map((e) => e.reason)).toEqual(['invalid_input', 'invalid_input', 'invalid_input']);
    // The repaired entry (category → SYSTEM) was still recorded; the unknown level counts as INFO
    // (below WARN: nothing), the entry without an action was refused.
    expect(shoptel.stats()).toMatchObject({ enqueued: 1, sent: 1 });
  });
});
