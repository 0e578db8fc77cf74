/**
 * `_search`'s default row limit. Without `size`, serde fills in `ZO_QUERY_DEFAULT_LIMIT` (1000;
 * `default_size` of `Query` in `src/config/src/meta/search.rs`), so the answer is at most 1000 rows with
 * no warning. The "results are capped" warning is only for a limit of 0 or less
 * (`is_default_query_limit_exceeded`), i.e. `size` 0 or -1 without a LIMIT in the SQL (see
 * search.test.ts), and the `_search` handler clears it when `search_type` is `ui`
 * (`is_permissable_function_error` in `src/api/search/src/search/mod.rs`).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import { identifier, sql } from './sql.js';
import { type ContractTarget, startContractTarget } from './target.js';
import { recentWindowUs } from './time-window.js';

let target: ContractTarget;
let stream: string;
const ROWS = 1001;

beforeAll(async () => {
  target = await startContractTarget();
  stream = target.uniqueStream('default_size');
  await target.ingestJson(
    stream,
    Array.from({ length: ROWS }, (_, seq) => ({ seq })),
  );
  expect(await countRowsWhenSettled(target, stream, ROWS)).toBe(ROWS);
});
afterAll(() => target?.stop());

it('answers at most 1000 rows, size 1000 and no warning when size is left out', async () => {
  const { startUs, endUs } = recentWindowUs();
  const result = await target.search(sql`SELECT seq FROM ${identifier(stream)}`, startUs, endUs);

  expect(result.status).toBe(200);
  expect(result.body?.hits).toHaveLength(1000);
  expect(result.body?.size).toBe(1000);
  // Left out or empty, depending on the version (`skip_serializing_if = "Vec::is_empty"` in some).
  expect(result.body?.function_error ?? []).toEqual([]);
});

it('drops the "capped" warning for search_type ui (the handler clears it for the UI)', async () => {
  const { startUs, endUs } = recentWindowUs();
  const query = sql`SELECT seq FROM ${identifier(stream)}`;
  const viaBody = await target.search(query, startUs, endUs, { size: -1, body: { search_type: 'ui' } });
  expect(viaBody.body?.hits).toHaveLength(1000);
  expect(viaBody.body?.function_error ?? []).toEqual([]);

  const viaUrl = await target.fetchPath(`/api/${target.org}/_search?search_type=ui`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: { sql: query, start_time: startUs, end_time: endUs, size: 0 } }),
  });
  const body = (await viaUrl.json()) as { hits: unknown[]; function_error?: string[] };
  expect(body.hits).toHaveLength(1000);
  expect(body.function_error ?? []).toEqual([]);
});
