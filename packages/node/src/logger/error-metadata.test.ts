import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';

const dev = useDevServer();

/** A payment library's error: a code of its own and the low-level failure as its cause. */
function declinedError() {
  const root = new Error('socket hang up for card 4111 1111 1111 1111');
  const error = new Error('charge failed', { cause: root }) as Error & { code?: string; httpStatus?: number };
  error.code = 'E_DECLINED';
  error.httpStatus = 402;
  return error;
}

describe('errors in log metadata', () => {
  it('keep their cause and own fields, and an Error given as the metadata keeps its message', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'error-metadata' });
    shoptel.logger.logOrderEvent('o-e1', 'failed', { error: declinedError() });
    shoptel.logger.logSystemEvent('payment_failed', 'ERROR', declinedError() as never);
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('business_events')} WHERE service = ${'error-metadata'} ORDER BY action`,
    );
    const byAction = Object.fromEntries(rows.map((row) => [row.action, row]));
    expect(byAction.failed).toMatchObject({
      metadata_error_name: 'Error',
      metadata_error_message: 'charge failed',
      metadata_error_code: 'E_DECLINED',
      metadata_error_httpstatus: 402,
      metadata_error_cause_message: 'socket hang up for card ************1111',
    });
    expect(byAction.payment_failed).toMatchObject({
      level: 'ERROR',
      metadata_error_message: 'charge failed',
      metadata_error_code: 'E_DECLINED',
      metadata_error_cause_message: 'socket hang up for card ************1111',
    });
    expect(String(byAction.payment_failed!.metadata_error_stack)).toMatch(/^Error: charge failed\n/);
  });
});
