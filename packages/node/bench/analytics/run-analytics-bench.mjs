// `pnpm bench` (analytics part): 1,000,000 seeded shop events (scripts/generate-shop-events.mjs)
// in a devserver, then every analytics question asked shoptel's way (createAnalytics) and the
// seed's way (seed-way.mjs: a query per step, rows pulled into Node) in the same run, each
// subject in a fresh process, the two ways alternating. Prints medians and ratios, checks both
// ways gave the same answer, writes bench/results/analytics-latest.json and the analytics section
// of ../../BENCHMARKS.md.
//   node bench/analytics/run-analytics-bench.mjs [--quick] [--no-write]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateShopEvents } from '../../scripts/generate-shop-events.mjs';
import { runChild } from '../lib/child.mjs';
import { median } from '../lib/harness.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const EVENTS = quick ? 100_000 : 1_000_000;
const ROUNDS = 2; // processes per way and question, alternating which way goes first
const REPS = 3; // timed calls per process, after one warm-up
const SPAN_MS = 4 * 3_600_000;
const BATCH = 10_000;
const IN_FLIGHT = 3;
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const QUESTIONS = [
  'getLogStats',
  'getUserBehaviorAnalytics',
  'getConversionFunnel',
  'getTopProducts(views)',
  'getTopProducts(purchases)',
  'getOrderProcessing',
  'detectAnomalousPatterns',
];

const server = await startServerProcess();
try {
  const startMs = Math.floor((Date.now() - SPAN_MS - 10 * 60_000) / 1000) * 1000;
  const endMs = startMs + SPAN_MS;
  const loaded = await load(server.url, startMs);
  console.log(
    `loaded ${loaded.total.toLocaleString('en')} events (${JSON.stringify(loaded.byStream)}) in ${(loaded.ms / 1000).toFixed(1)} s`,
  );

  const results = {};
  for (const question of QUESTIONS) {
    results[question] = { shoptel: [], seed: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['shoptel', 'seed'] : ['seed', 'shoptel'];
      for (const way of order) {
        const result = await runChild(here('analytics-subject.mjs'), [
          way,
          question,
          server.url,
          String(startMs),
          String(endMs),
          String(REPS),
        ]);
        if (result.error) throw new Error(`${question}/${way}: ${result.error}`);
        results[question][way].push(result);
        console.log(
          `${question} ${way} #${round + 1}: ${result.timesMs.map((t) => t.toFixed(0)).join(', ')} ms (client CPU ${result.clientCpuMs.toFixed(0)} ms/call, rss ${result.rssMb.toFixed(0)} MB)`,
        );
      }
    }
  }

  const rows = QUESTIONS.map((question) => {
    const r = results[question];
    const times = (way) => r[way].flatMap((x) => x.timesMs);
    const cpu = (way) => median(r[way].map((x) => x.clientCpuMs));
    const answers = [...r.shoptel, ...r.seed].map((x) => JSON.stringify(x.answer));
    return {
      question,
      shoptelMs: median(times('shoptel')),
      seedMs: median(times('seed')),
      shoptelClientCpuMs: cpu('shoptel'),
      seedClientCpuMs: cpu('seed'),
      seedRssMb: Math.max(...r.seed.map((x) => x.rssMb)),
      shoptelRssMb: Math.max(...r.shoptel.map((x) => x.rssMb)),
      sameAnswer: answers.every((a) => a === answers[0]),
    };
  });
  const table = formatRows(rows);
  console.log(`\n${table}`);
  const mismatched = rows.filter((r) => !r.sameAnswer);
  if (mismatched.length > 0) {
    for (const q of mismatched) {
      console.error(`different answers for ${q.question}:`);
      console.error(` shoptel: ${JSON.stringify(results[q.question].shoptel[0].answer).slice(0, 600)}`);
      console.error(` seed:    ${JSON.stringify(results[q.question].seed[0].answer).slice(0, 600)}`);
    }
    process.exitCode = 1;
  }
  if (!argv.includes('--no-write') && !quick) write(rows, table, loaded);
} finally {
  server.child.kill('SIGTERM');
}

/** Spawns the devserver process and waits for its URL. */
function startServerProcess() {
  const child = spawn(process.execPath, [here('devserver-process.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, url: JSON.parse(line).url });
    });
    child.on('exit', (code) => reject(new Error(`devserver exited ${code}`)));
  });
}

/** Streams the seeded events into the devserver, BATCH records per request, IN_FLIGHT at a time. */
async function load(url, startMs) {
  const t0 = performance.now();
  const authorization = `Basic ${Buffer.from('root@example.com:Complexpass#123').toString('base64')}`;
  const byStream = { user_behavior: 0, business_events: 0 };
  const pending = { user_behavior: [], business_events: [] };
  const inFlight = new Set();
  const post = (stream, records) => {
    const request = fetch(`${url}/api/default/${stream}/_json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(records),
    })
      .then((response) => response.json())
      .then((body) => {
        const status = body.status?.[0];
        if (status?.successful !== records.length)
          throw new Error(`load failed: ${JSON.stringify(body).slice(0, 300)}`);
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
    return request;
  };
  let total = 0;
  // Enough sessions for EVENTS events (about 7 per session); stops at exactly EVENTS.
  for (const { stream, record } of generateShopEvents({
    seed: 1,
    sessions: Math.ceil(EVENTS / 6.5),
    startMs,
    spanMs: SPAN_MS,
  })) {
    pending[stream].push(record);
    byStream[stream] += 1;
    total += 1;
    if (pending[stream].length === BATCH) {
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      post(stream, pending[stream]);
      pending[stream] = [];
    }
    if (total === EVENTS) break;
  }
  for (const [stream, records] of Object.entries(pending)) if (records.length > 0) post(stream, records);
  await Promise.all(inFlight);
  return { total, byStream, ms: performance.now() - t0 };
}

function formatRows(rows) {
  const header =
    "| question | shoptel (server-side SQL) | seed's way (query per step, rows into Node) | seed ÷ shoptel | client CPU per call, shoptel / seed | same answer |";
  const lines = rows.map(
    (r) =>
      `| \`${r.question}\` | ${r.shoptelMs.toFixed(0)} ms | ${r.seedMs.toFixed(0)} ms | **${(r.seedMs / r.shoptelMs).toFixed(1)}×** | ${r.shoptelClientCpuMs.toFixed(0)} ms / ${r.seedClientCpuMs.toFixed(0)} ms | ${r.sameAnswer ? 'yes' : '**no**'} |`,
  );
  return [header, '|---|---|---|---|---|---|', ...lines].join('\n');
}

function write(rows, table, loaded) {
  const resultsDir = here('../results');
  if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true });
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}`;
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
  writeFileSync(
    `${resultsDir}/analytics-latest.json`,
    `${JSON.stringify({ date: new Date().toISOString(), machine, load, loaded, rows }, null, 2)}\n`,
  );
  const section = [
    '<!-- node-analytics:start -->',
    '## @shoptel/node analytics (`pnpm bench` in packages/node: `bench/analytics/run-analytics-bench.mjs`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}, load average ${load} at the end: a shared, loaded machine, so absolute figures are noisy; compare the ratios.`,
    `${loaded.total.toLocaleString('en')} seeded events (${Object.entries(loaded.byStream)
      .map(([s, n]) => `${n.toLocaleString('en')} ${s}`)
      .join(', ')}) in an in-memory devserver (its own process); every question over the whole 4 h range.`,
    `Each way runs in fresh processes (${ROUNDS} per way, alternating which goes first), ${REPS} timed calls each after a warm-up; medians of ${ROUNDS * REPS} calls.`,
    "The seed's way is the sketch's `LogAnalyticsService` approach made correct (quoted streams, a time range, one response per step with an explicit `size`): one query per step, rows pulled into Node and counted there. \"same answer\" compares both ways' results.",
    '',
    table,
    '<!-- node-analytics:end -->',
  ].join('\n');
  const path = here('../../../../BENCHMARKS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const pattern = /<!-- node-analytics:start -->[\s\S]*<!-- node-analytics:end -->/;
  writeFileSync(
    path,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
}
