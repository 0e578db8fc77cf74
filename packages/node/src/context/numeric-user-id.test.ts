import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';
import { setRequestUser } from './request-context.js';

const dev = useDevServer();

describe('setRequestUser with a database id', () => {
  it('takes a numeric user id (req.user.id === 42), as the default identify does', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'numeric-user' });
    const middleware = shoptel.middleware();
    const app = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
      middleware(req, res, () => {
        setRequestUser(42, 'sess-42');
        shoptel.logger.logOrderEvent('o-42', 'viewed');
        res.end('ok');
      });
    });
    await (await fetch(`${app.url}/orders/o-42`)).text();
    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);
    const [event] = await dev.rows<Record<string, unknown>>(
      sql`SELECT user_id, session_id FROM ${sql.id('business_events')} WHERE service = ${'numeric-user'}`,
    );
    expect(event).toMatchObject({ user_id: '42', session_id: 'sess-42' });
    const [access] = await dev.rows<Record<string, unknown>>(
      sql`SELECT user_id FROM ${sql.id('application_logs')} WHERE service = ${'numeric-user'}`,
    );
    expect(access).toMatchObject({ user_id: '42' });
  });
});

describe('behavior with a database id', () => {
  it('keeps a numeric user id given to track* (the README passes req.user?.id)', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'numeric-user-behavior' });
    shoptel.behavior.trackPurchase('s-7', 'o-7', 20, 7 as never);
    await shoptel.shutdown();
    expect(errors).toEqual([]);
    const [event] = await dev.rows<Record<string, unknown>>(
      sql`SELECT user_id FROM ${sql.id('user_behavior')} WHERE service = ${'numeric-user-behavior'}`,
    );
    expect(event).toMatchObject({ user_id: '7' });
  });
});
