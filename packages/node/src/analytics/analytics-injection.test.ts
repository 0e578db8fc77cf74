// Hostile filters, user ids, options and stream names against a real devserver. Each either
// answers exactly what a plain comparison with that string answers (computed here from the stored
// records: empty, or the one record whose id really is that string) or is refused with an
// AnalyticsValidationError before any request; the stream's contents are unchanged afterwards.
import { resolveConfig, sql } from '@shoptel/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { postRecords, recordAt } from '../../test/post-records.js';
import { AnalyticsValidationError } from './analytics-validation-error.js';
import { createAnalytics } from './create-analytics.js';

const dev = useDevServer();
const HOUR = 3_600_000;
const BASE = Math.floor((Date.now() - 2 * HOUR) / 1000) * 1000;
const RANGE = { start: BASE, end: BASE + HOUR };

const STORED_HOSTILE_IDS = ["' OR 1=1 --", "x'; DROP TABLE inj_behavior; --", "'".repeat(512)];
const PAYLOADS = [
  ...STORED_HOSTILE_IDS,
  "\\' UNION SELECT event_type, 1, 1, 1 FROM inj_behavior --",
  "E'\\' OR 1=1 --",
  '\u2019 OR \u20191\u2019=\u20191', // ’ OR ’1’=’1
  '\u02bc OR 1=1 --', // ʼ modifier letter apostrophe
  '\uff07 OR 1=1 --', // ＇ fullwidth apostrophe
  '\u201c) OR (\u201d1\u201d=\u201d1', // “ ”
  "u-1' --",
  "u-1'/*",
  'u-1\n--',
  "%' OR user_id LIKE '%",
  '$$ OR 1=1 $$',
  '" OR "1"="1',
  'u-1; SELECT 1',
];

const stored: Record<string, unknown>[] = [];
function add(userId: string, eventType: string, n: number) {
  for (let i = 0; i < n; i++) {
    stored.push(
      recordAt(BASE + 1000 * (stored.length + 1), {
        event_type: eventType,
        session_id: `s-${stored.length}`,
        user_id: userId,
        service: userId,
        level: 'INFO',
        category: 'USER',
      }),
    );
  }
}
add('u-1', 'PAGE_VIEW', 3);
add(STORED_HOSTILE_IDS[0]!, 'PAGE_VIEW', 1);
add(STORED_HOSTILE_IDS[1]!, 'CART_ADD', 2);
add(STORED_HOSTILE_IDS[2]!, 'SEARCH', 4);

const analytics = () =>
  createAnalytics(
    resolveConfig({
      url: dev.url,
      auth: AUTH,
      streams: { userBehavior: 'inj_behavior', businessEvents: 'inj_behavior' },
    }),
  );

/** What `user_id = <payload>` must answer: the stored records of exactly that id. */
function expectedFor(userId: string) {
  const rows = stored.filter((r) => r.user_id === userId);
  if (rows.length === 0) return [];
  return [
    { eventType: rows[0]!.event_type, count: rows.length, uniqueSessions: rows.length, uniqueUsers: 1 },
  ];
}

async function storedCount(): Promise<number> {
  const rows = await analytics().query<{ n: number }>(
    RANGE,
    sql`SELECT count(*) AS n FROM ${sql.id('inj_behavior')}`,
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  await postRecords(dev.url, 'inj_behavior', stored);
});

describe('hostile values reach SQL only as literals', () => {
  it.each(PAYLOADS)('user id %j answers exactly the records with that id', async (payload) => {
    expect(await analytics().getUserBehaviorAnalytics(RANGE, payload)).toEqual(expectedFor(payload));
  });

  it.each(PAYLOADS)('service filter %j answers exactly the records of that service', async (payload) => {
    const rows = stored.filter((r) => r.service === payload);
    const stats = await analytics().getLogStats(RANGE, { service: payload });
    expect(stats).toEqual(
      rows.length === 0 ? [] : [{ level: 'INFO', category: 'USER', count: rows.length, uniqueUsers: 1 }],
    );
  });

  it('finds the stored hostile ids (the comparison works, so the empty answers above are real)', async () => {
    expect(expectedFor(STORED_HOSTILE_IDS[1]!)).toHaveLength(1);
    expect(await analytics().getUserBehaviorAnalytics(RANGE, STORED_HOSTILE_IDS[1]!)).toEqual([
      { eventType: 'CART_ADD', count: 2, uniqueSessions: 2, uniqueUsers: 1 },
    ]);
    expect(await analytics().getUserBehaviorAnalytics(RANGE, 'u-1')).toEqual([
      { eventType: 'PAGE_VIEW', count: 3, uniqueSessions: 3, uniqueUsers: 1 },
    ]);
  });

  it('leaves the stream as it was', async () => {
    for (const payload of PAYLOADS) await analytics().getUserBehaviorAnalytics(RANGE, payload);
    expect(await storedCount()).toBe(stored.length);
  });

  it('quotes stream names from config: a name with a quote is one (missing) stream, not SQL', async () => {
    // Built by hand: resolveConfig would normalise the name the way OpenObserve stores it.
    const config = resolveConfig({ url: dev.url, auth: AUTH });
    const odd = createAnalytics({
      ...config,
      streams: {
        userBehavior: 'inj_behavior" WHERE 1=1 --',
        businessEvents: 'inj_behavior"; DROP TABLE x; --',
      },
    });
    expect(await odd.getUserBehaviorAnalytics(RANGE)).toEqual([]);
    expect((await odd.getConversionFunnel(RANGE)).steps[0]!.sessions).toBe(0);
    expect(await odd.getLogStats(RANGE)).toEqual([]);
    expect(await storedCount()).toBe(stored.length);
  });

  it('reads a stream named like a reserved word (OpenObserve: always quote "default")', async () => {
    await postRecords(dev.url, 'default', stored.slice(0, 3));
    const reserved = createAnalytics(
      resolveConfig({
        url: dev.url,
        auth: AUTH,
        streams: { userBehavior: 'default', businessEvents: 'default' },
      }),
    );
    expect(await reserved.getUserBehaviorAnalytics(RANGE)).toEqual([
      { eventType: 'PAGE_VIEW', count: 3, uniqueSessions: 3, uniqueUsers: 1 },
    ]);
  });
});

describe('values that cannot be literals are refused with AnalyticsValidationError', () => {
  const tenKb = `' OR 1=1 -- ${'x'.repeat(10 * 1024)}`;
  const cases: [string, () => Promise<unknown>, string][] = [
    ['10 KB user id', () => analytics().getUserBehaviorAnalytics(RANGE, tenKb), 'userId'],
    [
      '10 KB service',
      () => analytics().getLogStats(RANGE, { service: 'a'.repeat(10 * 1024) }),
      'filters.service',
    ],
    ['NUL in a user id', () => analytics().getUserBehaviorAnalytics(RANGE, "u-1\u0000' OR 1=1"), 'userId'],
    [
      'level outside its enum',
      () => analytics().getLogStats(RANGE, { level: "' OR 1=1 --" as never }),
      'filters.level',
    ],
    [
      'category outside its enum',
      () => analytics().getLogStats(RANGE, { category: 'USER; DROP' as never }),
      'filters.category',
    ],
    [
      'ranking outside its enum',
      () => analytics().getTopProducts(RANGE, { by: "views' --" as never }),
      'options.by',
    ],
    [
      'limit as text',
      () => analytics().getTopProducts(RANGE, { limit: '10; DROP TABLE x' as never }),
      'options.limit',
    ],
    ['limit too large', () => analytics().getTopProducts(RANGE, { limit: 1e9 }), 'options.limit'],
    [
      'minShare as text',
      () => analytics().detectAnomalousPatterns(RANGE, { minShare: '0 OR 1=1' as never }),
      'options.minShare',
    ],
    [
      'range start with SQL',
      () => analytics().getConversionFunnel({ start: "2026-12-07T00:00:00Z' OR 1=1 --", end: BASE }),
      'range.start',
    ],
    ['a raw SQL string', () => analytics().query(RANGE, 'SELECT * FROM inj_behavior' as never), 'query'],
    ['a look-alike fragment', () => analytics().query(RANGE, { text: 'SELECT 1' } as never), 'query'],
  ];
  it.each(cases)('%s', async (_name, run, field) => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AnalyticsValidationError);
    expect((error as AnalyticsValidationError).field).toBe(field);
  });
});
