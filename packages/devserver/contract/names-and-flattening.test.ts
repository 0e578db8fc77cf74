/**
 * Stream-name and field-name normalisation and flattening (reference §2): the names a search must use
 * are not the names that were sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRowsWhenSettled } from './read-rows.js';
import { type ContractTarget, startContractTarget } from './target.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

/** Ingests one record and returns it as `SELECT *` shows it. */
async function storedRecord(prefix: string, record: Record<string, unknown>) {
  const stream = target.uniqueStream(prefix);
  const result = await target.ingestJson(stream, [record]);
  expect(result.body?.status?.[0]).toMatchObject({ successful: 1, failed: 0 });
  const [row] = await readRowsWhenSettled(target, stream, 1);
  return row ?? {};
}

describe('stream names', () => {
  it('a hyphenated, dotted stream name is stored with each run of other characters as one "_"', async () => {
    const stream = target.uniqueStream('my_app_logs');
    const sent = stream.replace('my_app_logs_', 'my-app.logs-');
    const result = await target.ingestJson(sent, [{ message: 'hi' }]);

    expect(result.status).toBe(200);
    expect(result.body?.status).toEqual([{ name: stream, successful: 1, failed: 0 }]);
    expect(await readRowsWhenSettled(target, stream, 1)).toHaveLength(1);
  });

  it('a run of several disallowed characters collapses to a single "_"', async () => {
    const stream = target.uniqueStream('run_collapse');
    const sent = stream.replace('run_collapse_', 'run-.-collapse--');
    const result = await target.ingestJson(sent, [{ message: 'hi' }]);

    expect(result.body?.status?.[0]?.name).toBe(stream);
  });

  it('an upper-case stream name is lowercased (ZO_FORMAT_STREAM_NAME_TO_LOWERCASE defaults to true)', async () => {
    const stream = target.uniqueStream('upper_case');
    const result = await target.ingestJson(stream.toUpperCase(), [{ message: 'hi' }]);

    expect(result.body?.status?.[0]?.name).toBe(stream);
  });

  it('":" is kept in a stream name (allowed set is [a-zA-Z0-9_:])', async () => {
    const stream = `ns:${target.uniqueStream('colon')}`;
    const result = await target.ingestJson(stream, [{ message: 'hi' }]);

    expect(result.body?.status?.[0]?.name).toBe(stream);
  });
});

describe('field names', () => {
  it('camelCase keys are lowercased with no underscore inserted (userId → userid)', async () => {
    const row = await storedRecord('field_camel', { userId: 'u1', eventType: 'view' });

    expect(row).toMatchObject({ userid: 'u1', eventtype: 'view' });
    expect(row).not.toHaveProperty('userId');
    expect(row).not.toHaveProperty('user_id');
  });

  it('every other character becomes "_" one for one, not collapsed (service.name, a!!!b, http-status)', async () => {
    const row = await storedRecord('field_symbols', {
      'service.name': 'api',
      'a!!!b': 1,
      'http-status': 200,
    });

    expect(row).toMatchObject({ service_name: 'api', a___b: 1, http_status: 200 });
  });

  it('on a key collision after normalisation the later key wins (Level then level)', async () => {
    const row = await storedRecord('field_collision', { Level: 'first', level: 'second' });

    expect(row.level).toBe('second');
  });

  it('null values are dropped, not stored as a column value', async () => {
    const row = await storedRecord('field_null', { kept: 1, dropped: null });

    expect(row.kept).toBe(1);
    expect(row).not.toHaveProperty('dropped');
  });
});

describe('flattening', () => {
  it('nested objects are flattened with "_" ({order:{total:{amount}}} → order_total_amount)', async () => {
    const row = await storedRecord('flatten_nested', { order: { total: { amount: 10 }, id: 'o1' } });

    expect(row).toMatchObject({ order_total_amount: 10, order_id: 'o1' });
    expect(row).not.toHaveProperty('order');
  });

  it('objects deeper than ZO_INGEST_FLATTEN_LEVEL (3) are stored as a JSON string', async () => {
    const row = await storedRecord('flatten_depth', { l1: { l2: { l3: { l4: 'deep' } } } });

    expect(typeof row.l1_l2_l3).toBe('string');
    expect(JSON.parse(String(row.l1_l2_l3))).toEqual({ l4: 'deep' });
    expect(row).not.toHaveProperty('l1_l2_l3_l4');
  });

  it('arrays are always stored as a JSON string, objects inside them are not flattened', async () => {
    const row = await storedRecord('flatten_array', { tags: ['a', 'b'], items: [{ sku: 'x', qty: 2 }] });

    expect(typeof row.tags).toBe('string');
    expect(JSON.parse(String(row.tags))).toEqual(['a', 'b']);
    expect(typeof row.items).toBe('string');
    expect(JSON.parse(String(row.items))).toEqual([{ sku: 'x', qty: 2 }]);
    expect(row).not.toHaveProperty('items_sku');
  });
});
