/**
 * `GET /api/{org}/streams` lists streams by their normalised names with their type. The list shape
 * (`{"list":[{name, stream_type, stats, …}]}`) is OpenObserve's `ListStream`; the reference only names
 * the route, so fields beyond name and stream_type are not asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';
import { type ContractTarget, type HttpResult, readHttpResult, startContractTarget } from './target.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

interface StreamListBody {
  list: Array<{ name: string; stream_type: string }>;
}

async function listStreams(query = '', auth = true) {
  const response = await target.fetchPath(`/api/${target.org}/streams${query}`, { auth });
  return readHttpResult<StreamListBody>(response);
}

const hasStream = (name: string) => (result: HttpResult<StreamListBody>) =>
  result.body?.list?.some((stream) => stream.name === name) ?? false;

describe('GET /api/{org}/streams', () => {
  it('lists an ingested logs stream under its normalised name with stream_type "logs"', async () => {
    const stream = target.uniqueStream('listed_stream');
    await target.ingestJson(stream.replaceAll('_', '-'), [{ message: 'hi' }]);

    const result = await eventually(() => listStreams(), hasStream(stream), { timeoutMs: 30_000 });

    expect(result.status).toBe(200);
    expect(result.body?.list?.find((entry) => entry.name === stream)).toMatchObject({ stream_type: 'logs' });
    expect(result.body?.list?.some((entry) => entry.name === stream.replaceAll('_', '-'))).toBe(false);
  });

  it('?type=metrics lists metric streams (each __name__ is one) and not logs streams', async () => {
    const metric = target.uniqueStream('listed_metric');
    const logs = target.uniqueStream('listed_logs_only');
    await target.ingestJson(logs, [{ message: 'hi' }]);
    await target.fetchPath(`/api/${target.org}/ingest/metrics/_json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ __name__: metric, value: 1 }]),
    });

    const result = await eventually(() => listStreams('?type=metrics'), hasStream(metric), {
      timeoutMs: 30_000,
    });

    expect(result.status).toBe(200);
    expect(result.body?.list?.find((entry) => entry.name === metric)).toMatchObject({
      stream_type: 'metrics',
    });
    expect(result.body?.list?.some((entry) => entry.name === logs)).toBe(false);
  });

  it('without credentials answers 401', async () => {
    expect((await listStreams('', false)).status).toBe(401);
  });
});
