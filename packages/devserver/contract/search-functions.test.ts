/**
 * OpenObserve SQL on `_search` (reference §8): aggregation rows keyed by the SQL aliases, histogram(),
 * str_match / str_match_ignore_case / re_match / match_all, approx_percentile_cont, and the request's
 * µs window applied to `_timestamp` without any WHERE clause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import { identifier, type SqlPart, sql, sqlPart } from './sql.js';
import { type ContractTarget, startContractTarget } from './target.js';
import { MINUTE_US, nowUs, recentWindowUs, SECOND_US } from './time-window.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

const MESSAGES = [
  { level: 'error', message: 'Payment Failed: card declined' },
  { level: 'error', message: 'payment failed: timeout' },
  { level: 'info', message: 'order shipped' },
  { level: 'info', message: 'cart updated' },
  { level: 'warn', message: 'PAYMENT retried' },
  { level: 'info', message: 'order placed' },
];

/** Ingests records into a fresh stream and waits until all are searchable. */
async function streamWith(prefix: string, records: Record<string, unknown>[]) {
  const stream = target.uniqueStream(prefix);
  await target.ingestJson(stream, records);
  expect(await countRowsWhenSettled(target, stream, records.length)).toBe(records.length);
  return stream;
}

async function countWhere(stream: string, condition: SqlPart) {
  const { startUs, endUs } = recentWindowUs();
  const result = await target.search(
    sql`SELECT COUNT(*) AS cnt FROM ${identifier(stream)} WHERE ${condition}`,
    startUs,
    endUs,
  );
  expect(result.status).toBe(200);
  return result.body?.hits?.[0]?.cnt;
}

describe('aggregations', () => {
  it('GROUP BY rows come back in hits keyed by the SQL aliases', async () => {
    const stream = await streamWith('agg_aliases', MESSAGES);
    const { startUs, endUs } = recentWindowUs();
    const query = sql`SELECT level AS lvl, COUNT(*) AS cnt FROM ${identifier(stream)} GROUP BY level ORDER BY cnt DESC, lvl ASC`;
    const result = await target.search(query, startUs, endUs);

    const counts = new Map<string, number>();
    for (const { level } of MESSAGES) counts.set(level, (counts.get(level) ?? 0) + 1);
    const expected = [...counts]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([lvl, cnt]) => ({ lvl, cnt }));
    expect(result.status).toBe(200);
    expect(result.body?.hits?.map((hit) => ({ lvl: hit.lvl, cnt: hit.cnt }))).toEqual(expected);
  });

  it("histogram(_timestamp, '1 minute') buckets by minute; the bucket is a zone-less UTC time text", async () => {
    const minuteStartUs = Math.floor((nowUs() - 30 * MINUTE_US) / MINUTE_US) * MINUTE_US;
    const offsetsSeconds = [5, 10, 65, 70, 75];
    const stream = await streamWith(
      'histogram',
      offsetsSeconds.map((offset) => ({ _timestamp: minuteStartUs + offset * SECOND_US })),
    );
    const { startUs, endUs } = recentWindowUs();
    const query = sql`SELECT histogram(_timestamp, '1 minute') AS bucket, COUNT(*) AS cnt FROM ${identifier(stream)} GROUP BY bucket ORDER BY bucket ASC`;
    const result = await target.search(query, startUs, endUs);

    expect(result.status).toBe(200);
    const hits = result.body?.hits ?? [];
    expect(hits.map((hit) => hit.cnt)).toEqual([2, 3]);
    // Inferred from arrow-json's defaults, not run against OpenObserve: e.g. "2024-06-10T06:00:00".
    // Asserted loosely: a string that means the bucket's start in UTC, with or without a zone suffix.
    const bucketStartsMs = hits.map((hit) => parseUtcText(hit.bucket));
    expect(bucketStartsMs).toEqual([minuteStartUs / 1000, minuteStartUs / 1000 + 60_000]);
  });

  it('approx_percentile_cont(field, 0.5) approximates the median', async () => {
    const stream = await streamWith(
      'percentile',
      Array.from({ length: 101 }, (_, index) => ({ latency_ms: index + 1 })),
    );
    const { startUs, endUs } = recentWindowUs();
    const query = sql`SELECT approx_percentile_cont(latency_ms, 0.5) AS p50 FROM ${identifier(stream)}`;
    const result = await target.search(query, startUs, endUs);

    expect(result.status).toBe(200);
    // Approximate by definition (t-digest in DataFusion), so only a band around the true median 51.
    const p50 = Number(result.body?.hits?.[0]?.p50);
    expect(p50).toBeGreaterThanOrEqual(46);
    expect(p50).toBeLessThanOrEqual(56);
  });
});

describe('text functions', () => {
  let stream: string;
  beforeAll(async () => {
    stream = await streamWith('text_functions', MESSAGES);
  });

  it("str_match(field, 'v') is a case-sensitive contains", async () => {
    expect(await countWhere(stream, sqlPart`str_match(message, ${'Failed'})`)).toBe(1);
  });

  it("str_match_ignore_case(field, 'v') is a case-insensitive contains", async () => {
    expect(await countWhere(stream, sqlPart`str_match_ignore_case(message, ${'failed'})`)).toBe(2);
  });

  it("re_match(field, 'regex') filters by regular expression", async () => {
    expect(await countWhere(stream, sqlPart`re_match(message, ${'^[Pp]ayment'})`)).toBe(2);
  });

  it("match_all('kw') is a case-insensitive full-text search over the message field", async () => {
    expect(await countWhere(stream, sqlPart`match_all(${'payment'})`)).toBe(3);
  });
});

describe('time range', () => {
  it('start_time/end_time (µs) filter on _timestamp with no WHERE clause in the SQL', async () => {
    const now = nowUs();
    const stream = await streamWith('time_range', [
      { label: 'fifty_minutes_ago', _timestamp: now - 50 * MINUTE_US },
      { label: 'thirty_minutes_ago', _timestamp: now - 30 * MINUTE_US },
      { label: 'ten_minutes_ago', _timestamp: now - 10 * MINUTE_US },
    ]);
    const query = sql`SELECT label FROM ${identifier(stream)}`;
    const result = await target.search(query, now - 40 * MINUTE_US, now - 20 * MINUTE_US);

    expect(result.status).toBe(200);
    expect(result.body?.hits?.map((hit) => hit.label)).toEqual(['thirty_minutes_ago']);
  });
});

function parseUtcText(value: unknown): number {
  const text = String(value);
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(text);
  return Date.parse(hasZone ? text : `${text.replace(' ', 'T')}Z`);
}
