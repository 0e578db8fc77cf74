/**
 * `_timestamp` handling (reference §3): stored as Int64 µs UTC; numeric units auto-detected; a few string
 * formats; only the `_timestamp` key counts; records outside [now − 5 h, now + 24 h] fail one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRowsWhenSettled } from './read-rows.js';
import type { IngestBody } from './response-types.js';
import { type ContractTarget, readHttpResult, startContractTarget } from './target.js';
import { HOUR_US, nowUs, SECOND_US } from './time-window.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

/** Clock skew allowed between this process and a remote server when checking "stored as now". */
const NOW_TOLERANCE_US = 60 * SECOND_US;

/** Posts a raw `_json` body, so integers beyond 2^53 (nanoseconds) reach the server digit for digit. */
async function postRawJson(stream: string, body: string) {
  const response = await target.fetchPath(`/api/${target.org}/${stream}/_json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return readHttpResult<IngestBody>(response);
}

function timestampsByCase(rows: Record<string, unknown>[]): Record<string, unknown> {
  return Object.fromEntries(rows.map((row) => [String(row.case), row._timestamp]));
}

/** ISO text without the zone and without milliseconds: `YYYY-MM-DDTHH:MM:SS`. */
function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19);
}

describe('_timestamp unit detection and formats', () => {
  it('numbers in s, ms, µs, ns (and truncated floats) are all stored as µs', async () => {
    const stream = target.uniqueStream('ts_units');
    const t = Math.floor(Date.now() / 1000) - 600;
    const nsDigits = (BigInt(t) * 1_000_000_000n + 123_456_789n).toString();
    const body = `[
      {"case":"s","_timestamp":${t}},
      {"case":"ms","_timestamp":${t * 1000 + 123}},
      {"case":"us","_timestamp":${t * SECOND_US + 123_456}},
      {"case":"ns","_timestamp":${nsDigits}},
      {"case":"float_s","_timestamp":${t}.75},
      {"case":"numeric_string_ms","_timestamp":"${t * 1000 + 456}"}
    ]`;
    const result = await postRawJson(stream, body);
    expect(result.body?.status?.[0]).toMatchObject({ successful: 6, failed: 0 });

    const stored = timestampsByCase(await readRowsWhenSettled(target, stream, 6));
    expect(stored).toEqual({
      s: t * SECOND_US,
      ms: (t * 1000 + 123) * 1000,
      us: t * SECOND_US + 123_456,
      ns: t * SECOND_US + 123_456, // ÷1000, truncated
      float_s: t * SECOND_US, // the float is truncated to whole seconds before the unit is detected
      numeric_string_ms: (t * 1000 + 456) * 1000,
    });
  });

  it('strings: zone-less dates are UTC, other "T" strings RFC 3339, the rest RFC 2822', async () => {
    const stream = target.uniqueStream('ts_strings');
    const t = Math.floor(Date.now() / 1000) - 600;
    const plusTwoHours = new Date((t + 4 + 7200) * 1000).toISOString().slice(0, 19);
    const rfc2822 = new Date((t + 5) * 1000).toUTCString().replace('GMT', '+0000');
    const records = [
      { case: 'space_separated', _timestamp: isoSeconds(t).replace('T', ' ') },
      { case: 'iso_no_zone', _timestamp: isoSeconds(t + 1) },
      { case: 'iso_millis_no_zone', _timestamp: `${isoSeconds(t + 2)}.250` },
      { case: 'iso_micros_no_zone', _timestamp: `${isoSeconds(t + 3)}.123456` },
      { case: 'rfc3339_offset', _timestamp: `${plusTwoHours}+02:00` },
      { case: 'rfc2822', _timestamp: rfc2822 },
    ];
    const result = await target.ingestJson(stream, records);
    expect(result.body?.status?.[0]).toMatchObject({ successful: records.length, failed: 0 });

    const stored = timestampsByCase(await readRowsWhenSettled(target, stream, records.length));
    expect(stored).toEqual({
      space_separated: t * SECOND_US,
      iso_no_zone: (t + 1) * SECOND_US,
      iso_millis_no_zone: (t + 2) * SECOND_US + 250_000,
      iso_micros_no_zone: (t + 3) * SECOND_US + 123_456,
      rfc3339_offset: (t + 4) * SECOND_US,
      rfc2822: (t + 5) * SECOND_US,
    });
  });

  it('"@timestamp" is used as _timestamp through the "@" → "_" key rewrite', async () => {
    const stream = target.uniqueStream('ts_at_sign');
    const t = Math.floor(Date.now() / 1000) - 300;
    await target.ingestJson(stream, [{ case: 'at', '@timestamp': t * 1000 }]);

    const [row] = await readRowsWhenSettled(target, stream, 1);
    expect(row?._timestamp).toBe(t * SECOND_US);
  });

  it('missing, null and 0 _timestamp are stored as the time of ingestion', async () => {
    const stream = target.uniqueStream('ts_now');
    const before = nowUs();
    const result = await target.ingestJson(stream, [
      { case: 'missing' },
      { case: 'null', _timestamp: null },
      { case: 'zero', _timestamp: 0 },
    ]);
    const after = nowUs();
    expect(result.body?.status?.[0]).toMatchObject({ successful: 3, failed: 0 });

    const rows = await readRowsWhenSettled(target, stream, 3);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row._timestamp).toBeGreaterThanOrEqual(before - NOW_TOLERANCE_US);
      expect(row._timestamp).toBeLessThanOrEqual(after + NOW_TOLERANCE_US);
    }
  });

  it('fields named timestamp, time, ts, _t are ordinary fields: a 3-day-old value there is not "too old"', async () => {
    const stream = target.uniqueStream('ts_other_keys');
    const threeDaysAgoMs = Date.now() - 72 * 3_600_000;
    const before = nowUs();
    const result = await target.ingestJson(stream, [
      { timestamp: threeDaysAgoMs, time: threeDaysAgoMs, ts: threeDaysAgoMs, _t: threeDaysAgoMs },
    ]);
    expect(result.body?.status?.[0]).toMatchObject({ successful: 1, failed: 0 });

    const [row] = await readRowsWhenSettled(target, stream, 1);
    expect(row).toMatchObject({ timestamp: threeDaysAgoMs, time: threeDaysAgoMs, ts: threeDaysAgoMs });
    expect(row?._t).toBe(threeDaysAgoMs);
    expect(row?._timestamp).toBeGreaterThanOrEqual(before - NOW_TOLERANCE_US);
  });

  it('an unparseable _timestamp fails that record with "Can\'t parse timestamp"', async () => {
    const stream = target.uniqueStream('ts_unparseable');
    const result = await target.ingestJson(stream, [{ n: 1 }, { n: 2, _timestamp: 'yesterday-ish' }]);

    expect(result.status).toBe(200);
    expect(result.body?.status?.[0]).toMatchObject({ successful: 1, failed: 1 });
    expect(result.body?.status?.[0]?.error).toContain("Can't parse timestamp");
  });
});

describe('allowed ingestion window (ZO_INGEST_ALLOWED_UPTO 5 h, ZO_INGEST_ALLOWED_IN_FUTURE 24 h)', () => {
  it('a record 6 h old fails with "Too old data"; one 4 h old is stored', async () => {
    const stream = target.uniqueStream('ts_too_old');
    const now = nowUs();
    const result = await target.ingestJson(stream, [
      { case: 'four_hours', _timestamp: now - 4 * HOUR_US },
      { case: 'six_hours', _timestamp: now - 6 * HOUR_US },
    ]);

    expect(result.status).toBe(200);
    expect(result.body?.code).toBe(200);
    expect(result.body?.status?.[0]).toMatchObject({ name: stream, successful: 1, failed: 1 });
    expect(result.body?.status?.[0]?.error).toContain('Too old data');
    const rows = await readRowsWhenSettled(target, stream, 1, {
      window: { startUs: now - 8 * HOUR_US, endUs: now },
    });
    expect(rows.map((row) => row.case)).toEqual(['four_hours']);
  });

  it('a record 25 h in the future fails with "Too far data"; one 23 h ahead is stored', async () => {
    const stream = target.uniqueStream('ts_too_far');
    const now = nowUs();
    const result = await target.ingestJson(stream, [
      { case: 'twenty_three_hours', _timestamp: now + 23 * HOUR_US },
      { case: 'twenty_five_hours', _timestamp: now + 25 * HOUR_US },
    ]);

    expect(result.body?.status?.[0]).toMatchObject({ successful: 1, failed: 1 });
    expect(result.body?.status?.[0]?.error).toContain('Too far data');
    const rows = await readRowsWhenSettled(target, stream, 1, {
      window: { startUs: now, endUs: now + 26 * HOUR_US },
    });
    expect(rows.map((row) => row.case)).toEqual(['twenty_three_hours']);
  });
});
