/**
 * `POST /api/{org}/_bulk` (reference §1; `logs::bulk::ingest` in `src/core/src/logs/bulk.rs`):
 * Elasticsearch bulk NDJSON, the stream from `_index` (normalised), `_id` stored as a field,
 * always 200 with an ES-style `{took, errors, items}` answer, one item per action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import { identifier, sql } from './sql.js';
import { type ContractTarget, readHttpResult, startContractTarget } from './target.js';
import { HOUR_US, nowUs, recentWindowUs } from './time-window.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

interface BulkItem {
  _index: string;
  _id: string;
  status: number;
  result?: string;
  error?: { type: string; reason: string; index: string };
  originalRecord?: Record<string, unknown>;
}
interface BulkAnswer {
  took: number;
  errors: boolean;
  items: Array<Record<string, BulkItem>>;
}

function postBulk(lines: unknown[]) {
  return target
    .fetchPath(`/api/${target.org}/_bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`,
    })
    .then((response) => readHttpResult<BulkAnswer>(response));
}

describe('_bulk', () => {
  it('stores each document in its _index stream and answers an item per action', async () => {
    const stream = target.uniqueStream('bulk_ok');
    const result = await postBulk([
      { index: { _index: stream.replaceAll('_', '-'), _id: 'doc-1' } },
      { message: 'first', level: 'info' },
      { create: { _index: stream } },
      { message: 'second', level: 'warn' },
    ]);
    expect(result.status).toBe(200);
    expect(result.body?.errors).toBe(false);
    const items = result.body?.items ?? [];
    expect(items).toHaveLength(2);
    expect(items.map((item) => Object.keys(item)[0]).sort()).toEqual(['create', 'index']);
    for (const item of items) {
      expect(Object.values(item)[0]).toMatchObject({ _index: stream, status: 200, result: 'created' });
    }
    expect(await countRowsWhenSettled(target, stream, 2)).toBe(2);
    const { startUs, endUs } = recentWindowUs();
    const stored = await target.search(
      sql`SELECT _id, message FROM ${identifier(stream)} WHERE level = ${'info'}`,
      startUs,
      endUs,
    );
    expect(stored.body?.hits).toEqual([{ _timestamp: expect.any(Number), _id: 'doc-1', message: 'first' }]);
  });

  it('refuses a document older than the window with a 422 item and stores the rest', async () => {
    const stream = target.uniqueStream('bulk_old');
    const result = await postBulk([
      { index: { _index: stream } },
      { message: 'stale', _timestamp: nowUs() - 6 * HOUR_US },
      { index: { _index: stream } },
      { message: 'fresh' },
    ]);
    expect(result.status).toBe(200);
    expect(result.body?.errors).toBe(true);
    const items = (result.body?.items ?? []).map((item) => item.index!);
    const failed = items.filter((item) => item.status !== 200);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      _index: stream,
      status: 422,
      error: { type: 'timestamp_parsing_failed', index: stream },
      originalRecord: { message: 'stale' },
    });
    expect(failed[0]?.error?.reason).toMatch(/^Too old data/);
    expect(await countRowsWhenSettled(target, stream, 1)).toBe(1);
  });

  it('a line that is not JSON fails the whole request with 400', async () => {
    const response = await target.fetchPath(`/api/${target.org}/_bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{"index":{"_index":"x"}}\n{not json}\n',
    });
    expect(response.status).toBe(400);
  });
});
