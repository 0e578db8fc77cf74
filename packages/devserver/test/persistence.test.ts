import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { AUTH, ingest, search, startTestServer } from './helpers.js';
import { runCli, stopCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'shoptel-devserver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps data across a restart with the same data file', async () => {
  const data = join(dir, 'restart.duckdb');
  const first = await startTestServer({ data });
  expect(
    (
      await ingest(first, 'orders', [
        { order_id: 'o1', amount: 10 },
        { order_id: 'o2', amount: 5 },
      ])
    ).status,
  ).toBe(200);
  await first.stop();

  const second = await startTestServer({ data });
  try {
    const answer = await search(second, 'SELECT order_id, amount FROM "orders" ORDER BY order_id');
    expect(answer.json.hits).toEqual([
      { _timestamp: expect.any(Number), order_id: 'o1', amount: 10 },
      { _timestamp: expect.any(Number), order_id: 'o2', amount: 5 },
    ]);
    // The schema came back too: a new field still evolves it.
    expect((await ingest(second, 'orders', [{ order_id: 'o3', note: 'x' }])).json.status[0].successful).toBe(
      1,
    );
  } finally {
    await second.stop();
  }
});

// The built CLI prepares bodies in a worker thread; this runs it as a user would.
it('the built CLI serves, stops on SIGTERM and keeps its --data file', async () => {
  const data = join(dir, 'cli.duckdb');
  const run = () => runCli(['--data', data]);
  const stop = stopCli;
  const first = await run();
  const body = JSON.stringify([{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }]);
  const posted = await fetch(`${first.url}/api/default/cart/_json`, {
    method: 'POST',
    body,
    headers: { authorization: AUTH },
  });
  const answer = (await posted.json()) as { status: Array<{ successful: number }> };
  expect(answer.status[0]?.successful).toBe(3);
  await stop(first.child);

  const second = await run();
  try {
    const server = { url: second.url, port: 0, dataPath: data, stop: async () => {} };
    expect((await search(server, 'SELECT count(*) AS n FROM "cart"')).json.hits).toEqual([{ n: 3 }]);
  } finally {
    await stop(second.child);
  }
});
