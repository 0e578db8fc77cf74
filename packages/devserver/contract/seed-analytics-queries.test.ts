/**
 * The seed's three analytics queries, corrected (see seed-analytics-queries.ts), run against a fixture
 * ingested under the seed's hyphenated stream names. Expected rows are computed from the fixture here,
 * and records outside the `_timestamp` window must not count. The same queries must work on OpenObserve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRowsWhenSettled } from './count-rows.js';
import type { Hit } from './response-types.js';
import { businessEventsFixture, userBehaviorFixture } from './seed-analytics-fixture.js';
import {
  type AnalyticsScope,
  buildAnomalyDetectionQuery,
  buildBehaviorAnalyticsQuery,
  buildStatsQuery,
} from './seed-analytics-queries.js';
import { type ContractTarget, startContractTarget } from './target.js';
import { HOUR_US, MINUTE_US, nowUs } from './time-window.js';

let target: ContractTarget;
let businessScope: AnalyticsScope;
let behaviorScope: AnalyticsScope;
const now = nowUs();
const business = businessEventsFixture(now);
const behavior = userBehaviorFixture(now);

beforeAll(async () => {
  target = await startContractTarget();
  const window = { startUs: now - HOUR_US, endUs: now + MINUTE_US };
  businessScope = { stream: target.uniqueStream('business_events'), ...window };
  behaviorScope = { stream: target.uniqueStream('user_behavior'), ...window };
  // The seed writes to "business-events" / "user-behavior"; OpenObserve stores them with "_".
  await target.ingestJson(businessScope.stream.replaceAll('_', '-'), business.all);
  await target.ingestJson(behaviorScope.stream.replaceAll('_', '-'), behavior.all);
  // The fixture reaches 2 h back, so the settle check must look further than the query window.
  const everything = { window: { startUs: now - 3 * HOUR_US, endUs: now + MINUTE_US } };
  expect(await countRowsWhenSettled(target, businessScope.stream, business.all.length, everything)).toBe(
    business.all.length,
  );
  expect(await countRowsWhenSettled(target, behaviorScope.stream, behavior.all.length, everything)).toBe(
    behavior.all.length,
  );
});
afterAll(() => target?.stop());

async function run(query: string, scope: AnalyticsScope): Promise<Hit[]> {
  const result = await target.search(query, scope.startUs, scope.endUs);
  expect(result.status, result.text).toBe(200);
  return result.body?.hits ?? [];
}

const pick = (hits: Hit[], keys: string[]) =>
  hits.map((hit) => Object.fromEntries(keys.map((key) => [key, hit[key]])));

describe('seed LogAnalyticsService queries, corrected', () => {
  it('buildStatsQuery: counts and distinct users per level and category inside the _timestamp window', async () => {
    const hits = await run(buildStatsQuery(businessScope), businessScope);

    expect(pick(hits, ['level', 'category', 'event_count', 'unique_users'])).toEqual(
      business.expectedStats(),
    );
  });

  it('buildStatsQuery with filters: values are literals, so a quote in a filter matches nothing', async () => {
    const filtered = await run(buildStatsQuery(businessScope, { level: 'INFO' }), businessScope);
    expect(pick(filtered, ['level', 'category', 'event_count', 'unique_users'])).toEqual(
      business.expectedStats({ level: 'INFO' }),
    );

    const injected = await run(buildStatsQuery(businessScope, { level: "x' OR '1'='1" }), businessScope);
    expect(injected).toEqual([]);
  });

  it('buildBehaviorAnalyticsQuery: events, distinct sessions and users per eventType in the window', async () => {
    const hits = await run(buildBehaviorAnalyticsQuery(behaviorScope), behaviorScope);

    expect(pick(hits, ['eventtype', 'event_count', 'unique_sessions', 'unique_users'])).toEqual(
      behavior.expectedBehavior(),
    );
  });

  it('buildBehaviorAnalyticsQuery for one userId counts only that user', async () => {
    const hits = await run(buildBehaviorAnalyticsQuery(behaviorScope, 'u3'), behaviorScope);

    expect(pick(hits, ['eventtype', 'event_count', 'unique_sessions', 'unique_users'])).toEqual(
      behavior.expectedBehavior('u3'),
    );
  });

  it('buildAnomalyDetectionQuery: ERROR groups above 5 % of all events in the window, as a float share', async () => {
    const hits = await run(buildAnomalyDetectionQuery(businessScope), businessScope);
    const expected = business.expectedAnomalies(0.05);

    expect(pick(hits, ['level', 'category', 'action', 'event_count'])).toEqual(
      expected.map(({ percentage: _share, ...group }) => group),
    );
    hits.forEach((hit, index) => {
      expect(Number(hit.percentage)).toBeCloseTo(expected[index]?.percentage ?? Number.NaN, 9);
    });
  });
});
