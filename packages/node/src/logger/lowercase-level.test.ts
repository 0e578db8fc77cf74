import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';

const dev = useDevServer();

describe('log levels and categories written in lower case', () => {
  it("are the ones they name: 'error' is stored as ERROR (not INFO), 'order' as ORDER (not SYSTEM)", async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'lower-level', minLevel: 'WARN' });
    const logger = shoptel.logger as unknown as Record<string, (...args: unknown[]) => unknown>;
    logger.logSystemEvent!('db_down', 'error');
    logger.log!({ level: 'warn', category: 'order', action: 'order_late' });
    logger.logSystemEvent!('cache_miss', 'info'); // below WARN: nothing
    expect(logger.isLevelEnabled!('error')).toBe(true);
    expect(logger.isLevelEnabled!('debug')).toBe(false);
    await shoptel.shutdown();
    expect(errors).toEqual([]);
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT action, level, category FROM ${sql.id('business_events')} WHERE service = ${'lower-level'} ORDER BY action`,
    );
    expect(rows).toMatchObject([
      { action: 'db_down', level: 'ERROR' },
      { action: 'order_late', level: 'WARN', category: 'ORDER' },
    ]);
    expect(rows).toHaveLength(2);
  });
});
