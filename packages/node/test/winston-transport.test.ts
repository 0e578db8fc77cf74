// The winston transport end to end: a real winston logger in a child process (built package),
// and the seed's `OpenObserveTransport` usage in process, a devserver storing what arrives.
import { sql } from '@shoptel/core';
import { afterAll, describe, expect, it } from 'vitest';
import winston from 'winston';
import { OpenObserveTransport } from '../src/winston/openobserve-transport.js';
import { useDevServer } from './devserver.js';
import { startOutageProxy } from './outage-proxy.js';
import { countRun, runLogChild } from './run-log-child.js';

const dev = useDevServer();
const proxies: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
});

describe('@shoptel/node/winston', () => {
  it('stores each of 10,000 lines (a burst of 8,000) once, through an exit right after the drain', async () => {
    const exit = await runLogChild('winston-child.mjs', { DEV_URL: dev.url, RUN: 'winston-burst' });
    expect(exit.code).toBe(0);
    expect(exit.stderr).toBe('');
    expect(await countRun(dev, 'winston-burst')).toEqual({
      rows: 10_000,
      distinct_seq: 10_000,
      min_seq: 0,
      max_seq: 9999,
    });
  });

  it('maps winston fields: level, message, timestamp, default meta, child bindings, traceId', async () => {
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('application_logs')} WHERE run = 'winston-burst' AND seq IN (100, 110, 111, 112, 113)
          ORDER BY seq`,
    );
    const bySeq = new Map(rows.map((row) => [row.seq, row]));
    expect(bySeq.get(100)).toMatchObject({
      level: 'ERROR',
      message: 'failed 100',
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      service: 'winston-test',
    });
    expect(bySeq.get(110)).toMatchObject({ level: 'WARN' });
    expect(bySeq.get(111)).toMatchObject({ level: 'DEBUG' });
    expect(bySeq.get(112)).toMatchObject({ level: 'DEBUG', message: 'silly 112' });
    const info = bySeq.get(113)!;
    expect(info).toMatchObject({ level: 'INFO', request_id: 'req-winston-burst', order_id: 'o-113' });
    expect(info).not.toHaveProperty('timestamp');
    const eventMs = Date.parse(String(info.event_time));
    expect(Number(info._timestamp) / 1000).toBe(eventMs);
  });

  it('keeps every line through an outage of the sink', async () => {
    const proxy = await startOutageProxy(dev.url, 2000);
    proxies.push(proxy);
    const exit = await runLogChild('winston-child.mjs', { DEV_URL: proxy.url, RUN: 'winston-outage' });
    expect(exit.code).toBe(0);
    expect(proxy.counts.refused).toBeGreaterThan(0);
    expect(await countRun(dev, 'winston-outage')).toEqual({
      rows: 10_000,
      distinct_seq: 10_000,
      min_seq: 0,
      max_seq: 9999,
    });
  });

  it("works as the seed's OpenObserveTransport: endpoint, token, log(entry, callback)", async () => {
    const token = Buffer.from('root@example.com:Complexpass#123').toString('base64');
    const transport = new OpenObserveTransport({
      endpoint: `${dev.url}/api/default/business-events/_json`,
      token,
      batchSize: 100,
      flushInterval: 5000,
      service: 'caddy-shopping-backend',
      env: false,
    });
    const timestamp = new Date(Date.now() - 60_000).toISOString();
    let called = false;
    transport.log(
      {
        timestamp,
        level: 'INFO',
        service: 'caddy-shopping-backend',
        category: 'ORDER',
        action: 'created',
        message: 'Order event: created',
        userId: 'u-seed',
        traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        businessContext: { orderId: 'o-seed', amount: 99.5, currency: 'CNY' },
      },
      () => {
        called = true;
      },
    );
    expect(called).toBe(true);
    await transport.shutdown();
    const [row] = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('business_events')} WHERE order_id = 'o-seed'`,
    );
    expect(row).toMatchObject({
      level: 'INFO',
      category: 'ORDER',
      action: 'created',
      user_id: 'u-seed',
      trace_id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      amount: 99.5,
      currency: 'CNY',
      event_time: timestamp,
    });
  });

  it("stores a logged Error's message, stack and cause with format.errors({ stack: true, cause: true })", async () => {
    const transport = new OpenObserveTransport({
      endpoint: `${dev.url}/api/default/winston-errors/_json`,
      token: Buffer.from('root@example.com:Complexpass#123').toString('base64'),
      env: false,
    });
    const logger = winston.createLogger({
      format: winston.format.errors({ stack: true, cause: true }),
      transports: [transport],
    });
    const cause = Object.assign(new Error('issuer timed out'), { code: 'ETIMEDOUT' });
    logger.error(new Error('charge o-err failed', { cause }));
    logger.error('refund failed', { failures: [new Error('first'), new Error('second')] });
    await transport.flush();
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('winston_errors')} ORDER BY event_time`,
    );
    expect(rows[0]).toMatchObject({
      level: 'ERROR',
      message: 'charge o-err failed',
      cause_message: 'issuer timed out',
      cause_code: 'ETIMEDOUT',
    });
    expect(String(rows[0]!.stack)).toContain('charge o-err failed');
    expect(String(rows[0]!.cause_stack)).toContain('issuer timed out');
    expect(JSON.parse(String(rows[1]!.failures)).map((e: { message: string }) => e.message)).toEqual([
      'first',
      'second',
    ]);
    logger.close();
  });

  it('refuses a malformed endpoint at start-up, naming the field', () => {
    expect(
      () => new OpenObserveTransport({ endpoint: 'localhost:5080/business_events', env: false }),
    ).toThrow(/endpoint/);
  });
});
