/**
 * `POST /api/{org}/ingest/metrics/_json` (reference §6): one record is one sample; `__name__` is the
 * stream; labels are stringified; a bad record fails the whole request with 400; no 5 h window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import { readRowsWhenSettled } from './read-rows.js';
import type { ErrorBody, IngestBody } from './response-types.js';
import { type ContractTarget, readHttpResult, startContractTarget } from './target.js';
import { HOUR_US, nowUs } from './time-window.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

async function postMetrics(samples: unknown[]) {
  const response = await target.fetchPath(`/api/${target.org}/ingest/metrics/_json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(samples),
  });
  return readHttpResult<IngestBody & ErrorBody>(response);
}

describe('metrics JSON ingestion', () => {
  it('each record is one sample and __name__ (normalised) names the stream: {code:200,status:[…]}', async () => {
    const stream = target.uniqueStream('shop_orders_total');
    const sentName = stream.replace('shop_orders_total_', 'shop-orders.total-');
    const timestampMs = Date.now() - 60_000;
    const result = await postMetrics([
      { __name__: sentName, __type__: 'counter', method: 'get', _timestamp: timestampMs, value: 12 },
      { __name__: sentName, __type__: 'counter', method: 'post', _timestamp: timestampMs, value: 3 },
    ]);

    expect(result.status).toBe(200);
    expect(result.body).toEqual({ code: 200, status: [{ name: stream, successful: 2, failed: 0 }] });
    expect(await countRowsWhenSettled(target, stream, 2, { type: 'metrics' })).toBe(2);
  });

  it('labels are stored as strings, value stays a number, __name__ is rewritten and __hash__ added', async () => {
    const stream = target.uniqueStream('http_requests');
    const sentName = stream.replace('http_requests_', 'http-requests-');
    await postMetrics([{ __name__: sentName, __type__: 'gauge', code: 200, cached: true, value: 1.5 }]);

    const [row] = await readRowsWhenSettled(target, stream, 1, { type: 'metrics' });
    expect(row).toMatchObject({ __name__: stream, code: '200', cached: 'true', value: 1.5 });
    expect(row).toHaveProperty('__hash__');
  });

  it('a record without value fails the whole request with 400 {code:400,message}', async () => {
    const stream = target.uniqueStream('metric_missing_value');
    await postMetrics([{ __name__: stream, value: 1 }]);
    await countRowsWhenSettled(target, stream, 1, { type: 'metrics' });

    const result = await postMetrics([
      { __name__: stream, value: 2 },
      { __name__: stream, label: 'no value' },
    ]);

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(400);
    expect(result.body?.message).toEqual(expect.any(String));
    expect(await countRowsWhenSettled(target, stream, 1, { type: 'metrics' })).toBe(1);
  });

  it('a string _timestamp fails the whole request with 400', async () => {
    const stream = target.uniqueStream('metric_string_time');
    const result = await postMetrics([{ __name__: stream, _timestamp: new Date().toISOString(), value: 1 }]);

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(400);
  });

  it('the 5 h ingestion window does not apply: a 2-day-old sample is accepted and searchable', async () => {
    const stream = target.uniqueStream('metric_old_sample');
    const twoDaysAgoUs = nowUs() - 48 * HOUR_US;
    const result = await postMetrics([{ __name__: stream, _timestamp: twoDaysAgoUs, value: 7 }]);

    expect(result.body?.status?.[0]).toMatchObject({ name: stream, successful: 1, failed: 0 });
    const rows = await readRowsWhenSettled(target, stream, 1, {
      type: 'metrics',
      window: { startUs: twoDaysAgoUs - HOUR_US, endUs: twoDaysAgoUs + HOUR_US },
    });
    expect(rows.map((row) => row._timestamp)).toEqual([twoDaysAgoUs]);
  });

  it('a Prometheus-style histogram sent as _bucket/_count/_sum samples lands in three metric streams', async () => {
    const base = target.uniqueStream('checkout_latency');
    const samples = [
      { __name__: `${base}_bucket`, __type__: 'counter', le: '0.5', value: 3 },
      { __name__: `${base}_bucket`, __type__: 'counter', le: '+Inf', value: 5 },
      { __name__: `${base}_count`, __type__: 'counter', value: 5 },
      { __name__: `${base}_sum`, __type__: 'counter', value: 1.9 },
    ];
    const result = await postMetrics(samples);
    expect(result.status).toBe(200);

    expect(await countRowsWhenSettled(target, `${base}_bucket`, 2, { type: 'metrics' })).toBe(2);
    expect(await countRowsWhenSettled(target, `${base}_count`, 1, { type: 'metrics' })).toBe(1);
    expect(await countRowsWhenSettled(target, `${base}_sum`, 1, { type: 'metrics' })).toBe(1);
  });
});
