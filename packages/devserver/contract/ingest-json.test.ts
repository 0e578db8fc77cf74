/**
 * `POST /api/{org}/{stream}/_json` (reference §1): always HTTP 200 with `code: 200` and per-stream
 * counts, even when records fail; 400 only when the body is not JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import type { ErrorBody, IngestBody } from './response-types.js';
import { identifier, sql } from './sql.js';
import { type ContractTarget, readHttpResult, startContractTarget } from './target.js';
import { HOUR_US, nowUs, recentWindowUs } from './time-window.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

function postJsonBody(stream: string, body: string, contentType = 'application/json') {
  return target
    .fetchPath(`/api/${target.org}/${stream}/_json`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    })
    .then((response) => readHttpResult<IngestBody & ErrorBody>(response));
}

describe('_json ingestion', () => {
  it('an array of objects answers HTTP 200 {code:200,status:[{name,successful,failed}]} with no error key', async () => {
    const stream = target.uniqueStream('ingest_ok');
    const result = await target.ingestJson(stream, [{ message: 'a' }, { message: 'b' }, { message: 'c' }]);

    expect(result.status).toBe(200);
    expect(result.body).toEqual({ code: 200, status: [{ name: stream, successful: 3, failed: 0 }] });
    expect(await countRowsWhenSettled(target, stream, 3)).toBe(3);
  });

  it('a single top-level object is accepted as one record (source falls back to vec![value])', async () => {
    const stream = target.uniqueStream('ingest_object');
    const result = await postJsonBody(stream, JSON.stringify({ message: 'alone' }));

    expect(result.status).toBe(200);
    expect(result.body?.status?.[0]).toMatchObject({ name: stream, successful: 1, failed: 0 });
  });

  it('malformed JSON rejects the whole request with 400 {code:400,message} and stores nothing', async () => {
    const stream = target.uniqueStream('ingest_bad_json');
    await target.ingestJson(stream, [{ message: 'before' }]);

    const result = await postJsonBody(stream, '[{"message": "half"');

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(400);
    // Source text is serde's ("SerdeJsonError# expected value at line 1 column 1"); only its presence is contract.
    expect(result.body?.message).toEqual(expect.any(String));
    expect(await countRowsWhenSettled(target, stream, 1)).toBe(1);
  });

  it('NDJSON sent to _json is malformed JSON for this route: 400 (issue #8969)', async () => {
    const stream = target.uniqueStream('ingest_ndjson_to_json');
    const result = await postJsonBody(stream, '{"message":"one"}\n{"message":"two"}\n');

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(400);
  });

  it('partial failure stays HTTP 200 code 200: failed is counted and error holds the last error only', async () => {
    const stream = target.uniqueStream('ingest_partial');
    const sixHoursAgoUs = nowUs() - 6 * HOUR_US;
    const result = await target.ingestJson(stream, [
      { message: 'kept 1' },
      { message: 'too old', _timestamp: sixHoursAgoUs },
      { message: 'kept 2' },
      { message: 'unparseable', _timestamp: 'not a time at all' },
    ]);

    expect(result.status).toBe(200);
    expect(result.body?.code).toBe(200);
    expect(result.body?.status).toHaveLength(1);
    const status = result.body?.status[0];
    expect(status).toMatchObject({ name: stream, successful: 2, failed: 2 });
    // Overwritten per failure, so it names the timestamp parse error, not the too-old one.
    expect(status?.error).toContain("Can't parse timestamp");
    expect(status?.error).not.toContain('Too old');
    expect(await countRowsWhenSettled(target, stream, 2)).toBe(2);
  });

  it('an array item that is not an object fails only that record (flattening error)', async () => {
    const stream = target.uniqueStream('ingest_not_object');
    const result = await target.ingestJson(stream, [{ message: 'ok' }, 42, 'text']);

    expect(result.status).toBe(200);
    expect(result.body?.status?.[0]).toMatchObject({ name: stream, successful: 1, failed: 2 });
  });

  it('Content-Type is not checked: a JSON array sent as text/plain is ingested', async () => {
    const stream = target.uniqueStream('ingest_text_plain');
    const result = await postJsonBody(stream, JSON.stringify([{ message: 'plain' }]), 'text/plain');

    expect(result.status).toBe(200);
    expect(result.body?.status?.[0]).toMatchObject({ successful: 1, failed: 0 });
  });
});

describe('dynamic schema', () => {
  it('a new field in a later batch adds a column that is searchable', async () => {
    const stream = target.uniqueStream('schema_new_field');
    await target.ingestJson(stream, [{ message: 'first' }]);
    await countRowsWhenSettled(target, stream, 1);
    const second = await target.ingestJson(stream, [{ message: 'second', added_later: 'yes' }]);
    expect(second.body?.status?.[0]).toMatchObject({ successful: 1, failed: 0 });

    const { startUs, endUs } = recentWindowUs();
    const result = await target.searchUntil(
      sql`SELECT message, added_later FROM ${identifier(stream)} WHERE added_later = ${'yes'}`,
      startUs,
      endUs,
      (answer) => answer.body?.hits?.length === 1,
    );
    expect(result.status).toBe(200);
    expect(result.body?.hits).toHaveLength(1);
    expect(result.body?.hits?.[0]).toMatchObject({ message: 'second', added_later: 'yes' });
  });

  it('a value that cannot be cast to the existing column type fails that record (type-cast conflict)', async () => {
    const stream = target.uniqueStream('schema_conflict');
    await target.ingestJson(stream, [{ amount: 1 }]);
    await countRowsWhenSettled(target, stream, 1);

    const result = await target.ingestJson(stream, [{ amount: 2 }, { amount: 'not a number' }]);

    expect(result.status).toBe(200);
    // Reference §1 lists "a type-cast conflict with the existing schema" as a per-record failure; a
    // non-numeric string into an Int64 column is the unambiguous case.
    expect(result.body?.status?.[0]).toMatchObject({ successful: 1, failed: 1 });
  });
});
