import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';

const dev = useDevServer();

describe('logger calls without an event name', () => {
  it('are refused and reported, not stored with action "undefined"', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'no-event-name' });
    const logger = shoptel.logger as unknown as Record<string, (...args: unknown[]) => void>;
    logger.logUserAction!(undefined, 'u-1');
    logger.logOrderEvent!('o-1');
    logger.logPaymentEvent!('p-1', '', 10, 'ok');
    logger.logSystemEvent!(null, 'ERROR');
    logger.logInventoryEvent!('sku-1', 404, 2); // a number is a name
    await shoptel.shutdown();
    expect(errors.map((e) => e.message)).toEqual([
      'logUserAction needs an event name (a non-empty string); got undefined',
      'logOrderEvent needs an event name (a non-empty string); got undefined',
      'logPaymentEvent needs an event name (a non-empty string); got an empty string',
      'logSystemEvent needs an event name (a non-empty string); got null',
    ]);
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT action, message FROM ${sql.id('business_events')} WHERE service = ${'no-event-name'}`,
    );
    expect(rows).toMatchObject([{ action: '404', message: 'Inventory event: 404 for product sku-1' }]);
  });
});
