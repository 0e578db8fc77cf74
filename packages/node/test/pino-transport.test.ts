// The pino transport end to end: a real pino in a child process, its worker thread loading the
// built `@shoptel/node/pino`, a devserver storing what arrives.
import { sql } from '@shoptel/core';
import { afterAll, describe, expect, it } from 'vitest';
import { useDevServer } from './devserver.js';
import { startOutageProxy } from './outage-proxy.js';
import { countRun, runLogChild } from './run-log-child.js';

const dev = useDevServer();
const proxies: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
});

describe('@shoptel/node/pino', () => {
  it('stores each of 10,000 lines (a burst of 8,000) once, through a crash-like exit after flush()', async () => {
    const exit = await runLogChild('pino-child.mjs', { DEV_URL: dev.url, RUN: 'pino-burst' });
    expect(exit.code).toBe(0);
    expect(await countRun(dev, 'pino-burst')).toEqual({
      rows: 10_000,
      distinct_seq: 10_000,
      min_seq: 0,
      max_seq: 9999,
    });
  });

  it('maps pino fields: level text and number, message, time, bindings, trace ids, err', async () => {
    const rows = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('application_logs')} WHERE run = 'pino-burst' AND seq IN (100, 110, 111, 112, 113)
          ORDER BY seq`,
    );
    const bySeq = new Map(rows.map((row) => [row.seq, row]));
    expect(bySeq.get(100)).toMatchObject({
      level: 'ERROR',
      pino_level: 50,
      message: 'failed 100',
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      span_id: 'b7ad6b7169203331',
      err_type: 'Error',
      err_message: 'boom 100',
      service: 'pino-test',
      hostname: 'test-host',
    });
    expect(bySeq.get(110)).toMatchObject({ level: 'WARN', pino_level: 40, message: 'slow 110' });
    expect(bySeq.get(111)).toMatchObject({ level: 'DEBUG', pino_level: 20 });
    expect(bySeq.get(112)).toMatchObject({ level: 'DEBUG', pino_level: 10, message: 'trace 112' });
    const info = bySeq.get(113)!;
    expect(info).toMatchObject({
      level: 'INFO',
      pino_level: 30,
      message: 'line 113',
      request_id: 'req-pino-burst',
      order_id: 'o-113',
    });
    expect(info.trace_id).toBeUndefined();
    expect(info).not.toHaveProperty('msg');
    expect(info).not.toHaveProperty('time');
    // pino's `time` (ms) became the row's time, and core kept it as event_time.
    const eventMs = Date.parse(String(info.event_time));
    expect(Number(info._timestamp) / 1000).toBe(eventMs);
    expect(Math.abs(eventMs - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('keeps every line through an outage of the sink and still drains on exit', async () => {
    const proxy = await startOutageProxy(dev.url, 2000);
    proxies.push(proxy);
    const exit = await runLogChild('pino-child.mjs', { DEV_URL: proxy.url, RUN: 'pino-outage' });
    expect(exit.code).toBe(0);
    expect(proxy.counts.refused).toBeGreaterThan(0);
    expect(await countRun(dev, 'pino-outage')).toEqual({
      rows: 10_000,
      distinct_seq: 10_000,
      min_seq: 0,
      max_seq: 9999,
    });
  });
});
