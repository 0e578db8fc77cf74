import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { runWithRequestContext } from '../context/request-context.js';

const dev = useDevServer();

describe('behavior without a session id', () => {
  it('is reported and not stored as an event no session, funnel or conversion would count', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'no-session' });
    shoptel.behavior.trackPageView(undefined as never, '/a');
    shoptel.behavior.trackPurchase('' as never, 'o-1', 10);
    runWithRequestContext({ requestId: 'r-1', sessionId: 's-ctx' }, () => {
      shoptel.behavior.trackPageView(undefined as never, '/from-context'); // the middleware's session
    });
    await shoptel.shutdown();
    expect(errors.map((e) => [e.reason, e.message])).toEqual([
      [
        'invalid_input',
        "track PAGE_VIEW needs a session id (a non-empty string, or setRequestUser's); got undefined (dropped)",
      ],
      [
        'invalid_input',
        "track PURCHASE needs a session id (a non-empty string, or setRequestUser's); got string (dropped)",
      ],
    ]);
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT page, session_id FROM ${sql.id('user_behavior')} WHERE service = ${'no-session'}`,
    );
    expect(rows).toMatchObject([{ page: '/from-context', session_id: 's-ctx' }]);
  });
});
