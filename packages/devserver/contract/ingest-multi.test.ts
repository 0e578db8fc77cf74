/**
 * `POST /api/{org}/{stream}/_multi` (reference §1): NDJSON, one object per line, blank lines skipped,
 * same answer shape and per-record failures as `_json`; one bad line rejects the whole request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import type { ErrorBody, IngestBody } from './response-types.js';
import { type ContractTarget, readHttpResult, startContractTarget } from './target.js';
import { HOUR_US, nowUs } from './time-window.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

async function postMulti(stream: string, body: string) {
  const response = await target.fetchPath(`/api/${target.org}/${stream}/_multi`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body,
  });
  return readHttpResult<IngestBody & ErrorBody>(response);
}

const toNdjson = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');

describe('_multi ingestion', () => {
  it('one object per line answers HTTP 200 {code:200,status:[{name,successful,failed}]}', async () => {
    const stream = target.uniqueStream('multi_ok');
    const result = await postMulti(stream, `${toNdjson([{ n: 1 }, { n: 2 }, { n: 3 }])}\n`);

    expect(result.status).toBe(200);
    expect(result.body).toEqual({ code: 200, status: [{ name: stream, successful: 3, failed: 0 }] });
    expect(await countRowsWhenSettled(target, stream, 3)).toBe(3);
  });

  it('blank lines are skipped, not counted as failures', async () => {
    const stream = target.uniqueStream('multi_blank_lines');
    const result = await postMulti(
      stream,
      `\n${JSON.stringify({ n: 1 })}\n\n\n${JSON.stringify({ n: 2 })}\n\n`,
    );

    expect(result.status).toBe(200);
    expect(result.body?.status?.[0]).toMatchObject({ name: stream, successful: 2, failed: 0 });
  });

  it('one malformed line rejects the whole request with 400 {code:400,message} and stores nothing', async () => {
    const stream = target.uniqueStream('multi_bad_line');
    await postMulti(stream, JSON.stringify({ n: 0 }));

    const result = await postMulti(
      stream,
      `${JSON.stringify({ n: 1 })}\n{"n": \n${JSON.stringify({ n: 3 })}`,
    );

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(400);
    // Source wraps the parser text as "Error# Failed processing: …"; only its presence is contract.
    expect(result.body?.message).toEqual(expect.any(String));
    expect(await countRowsWhenSettled(target, stream, 1)).toBe(1);
  });

  it('a too-old line is a per-record failure: HTTP 200, failed counted, error says "Too old data"', async () => {
    const stream = target.uniqueStream('multi_partial');
    const body = toNdjson([{ n: 1 }, { n: 2, _timestamp: nowUs() - 6 * HOUR_US }]);
    const result = await postMulti(stream, body);

    expect(result.status).toBe(200);
    expect(result.body?.code).toBe(200);
    expect(result.body?.status?.[0]).toMatchObject({ name: stream, successful: 1, failed: 1 });
    expect(result.body?.status?.[0]?.error).toContain('Too old data');
  });

  it('the stream name in the path is normalised the same way as for _json (hyphen → underscore)', async () => {
    const stream = target.uniqueStream('multi_name');
    const hyphenated = stream.replaceAll('_', '-');
    const result = await postMulti(hyphenated, JSON.stringify({ n: 1 }));

    expect(result.status).toBe(200);
    expect(result.body?.status?.[0]?.name).toBe(stream);
  });
});
