// One bench subject in its own process: one analytics question asked `reps` times (after one
// warm-up) either shoptel's way (createAnalytics: aggregations on the server) or the seed's way
// (seed-way.mjs: a query per step, rows counted in Node). Writes {timesMs, answer} as JSON; the
// answer, in one shape for both ways, lets the runner check that both computed the same thing.
//   node analytics-subject.mjs <shoptel|seed> <question> <url> <startMs> <endMs> <reps> <result.json>
import { writeFileSync } from 'node:fs';
import { createSearchClient, resolveConfig } from '@shoptel/core';
import { createAnalytics } from '../../dist/index.js';
import { createSeedWay } from './seed-way.mjs';

const [way, question, url, startText, endText, repsText, resultFile] = process.argv.slice(2);
const range = { start: new Date(Number(startText)), end: new Date(Number(endText)) };
const length = range.end.getTime() - range.start.getTime();
const previous = { start: new Date(range.start.getTime() - length), end: range.start };
const config = resolveConfig({
  url,
  auth: { username: 'root@example.com', password: 'Complexpass#123' },
  timeoutMs: 120_000,
});
const TOP = 10;
const MIN_SHARE = 0.01;
const round = (n) => (n === null ? null : Math.round(n * 1e6) / 1e6);

const shoptel = createAnalytics(config);
const seed = createSeedWay(createSearchClient(config), config.streams);

/** Each question: [shoptel's way, the seed's way], both answering in the same shape. */
const QUESTIONS = {
  getLogStats: [() => shoptel.getLogStats(range), () => seed.getLogStats(range)],
  getUserBehaviorAnalytics: [
    () => shoptel.getUserBehaviorAnalytics(range),
    () => seed.getUserBehaviorAnalytics(range),
  ],
  getConversionFunnel: [
    async () => {
      const f = await shoptel.getConversionFunnel(range);
      return {
        counts: f.steps.map((s) => s.sessions),
        revenue: f.revenue.map((r) => [r.currency, r.orders, round(r.revenue)]),
      };
    },
    async () => {
      const f = await seed.getConversionFunnel(range);
      return {
        counts: f.counts,
        revenue: f.revenue.map(([currency, e]) => [currency, e.orders, round(e.revenue)]),
      };
    },
  ],
  'getTopProducts(views)': [
    () => shoptel.getTopProducts(range, { by: 'views', limit: TOP }),
    () => seed.getTopProducts(range, 'views', TOP),
  ],
  'getTopProducts(purchases)': [
    () => shoptel.getTopProducts(range, { by: 'purchases', limit: TOP }),
    () => seed.getTopProducts(range, 'purchases', TOP),
  ],
  getOrderProcessing: [
    async () => {
      const { received, processed, cancelled, timedOrders, p50Ms, p95Ms, p99Ms } =
        await shoptel.getOrderProcessing(range);
      return { received, processed, cancelled, timedOrders, p50Ms, p95Ms, p99Ms };
    },
    () => seed.getOrderProcessing(range),
  ],
  detectAnomalousPatterns: [
    async () => {
      const r = await shoptel.detectAnomalousPatterns(range, { minShare: MIN_SHARE });
      return {
        anomalies: r.anomalies.map(({ category, action, count }) => ({ category, action, count })),
        errors: r.current.errors,
        events: r.current.events,
        previousErrors: r.previous.errors,
        previousEvents: r.previous.events,
      };
    },
    () => seed.detectAnomalousPatterns(range, previous, MIN_SHARE),
  ],
};

const pair = QUESTIONS[question];
if (pair === undefined) throw new Error(`unknown question ${question}`);
const ask = way === 'shoptel' ? pair[0] : pair[1];
let answer = await ask(); // warm-up: first connection, DuckDB caches
const timesMs = [];
const cpuBefore = process.cpuUsage();
for (let i = 0; i < Number(repsText); i++) {
  const t0 = performance.now();
  answer = await ask();
  timesMs.push(performance.now() - t0);
}
const cpu = process.cpuUsage(cpuBefore);
const rssMb = process.memoryUsage().rss / 1e6;
writeFileSync(
  resultFile,
  JSON.stringify({ timesMs, clientCpuMs: (cpu.user + cpu.system) / 1000 / Number(repsText), rssMb, answer }),
);
