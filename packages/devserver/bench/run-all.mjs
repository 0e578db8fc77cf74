// `pnpm bench` for @shoptel/devserver: ingest rate over HTTP (plain and gzip, batches of 1,000
// business_events records, client in a child process) and the latency of a grouped
// COUNT(DISTINCT user_id) over 1,000,000 rows. Uses the built dist. Prints the figures and
// rewrites the devserver section of BENCHMARKS.md at the repository root.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'index.js');
if (!existsSync(dist)) {
  console.error('dist/index.js is missing: run `pnpm build` first');
  process.exit(1);
}
const { startDevServer } = await import(dist);
const AUTH = `Basic ${Buffer.from('root@example.com:Complexpass#123').toString('base64')}`;
const BATCH = 1000;
const REQUESTS_PER_RUN = 500; // 500 × 1,000 = 500,000 records per encoding → 1,000,000 rows in all
const CONCURRENCY = 4;
const QUERY_RUNS = 21;

// Server CPU per record: the whole server process (main thread, ingest workers, DuckDB's
// threads) over the run, client start-up included. Less machine-bound than the rate.
async function measureClient(url, encoding, stream) {
  const before = process.cpuUsage();
  const result = await runClient(url, encoding, stream);
  const cpu = process.cpuUsage(before);
  return { ...result, serverCpuUsPerRecord: (cpu.user + cpu.system) / result.records };
}

const cpuNote = (run) =>
  `server CPU ${run.serverCpuUsPerRecord.toFixed(1)} µs/record, client ${run.clientCores.toFixed(2)} cores`;

function runClient(url, encoding, stream = 'business_events') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      join(here, 'ingest-client.mjs'),
      url,
      AUTH,
      stream,
      String(REQUESTS_PER_RUN + 1),
      String(BATCH),
      encoding,
      String(CONCURRENCY),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err || `client exit ${code}`)),
    );
  });
}

async function searchOnce(url, sql) {
  const end = Date.now() * 1000 + 60_000_000;
  const started = performance.now();
  const response = await fetch(`${url}/api/default/_search`, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ query: { sql, start_time: end - 24 * 3_600_000_000, end_time: end, size: 100 } }),
  });
  const body = await response.json();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`search failed: ${JSON.stringify(body)}`);
  return { ms, body };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const server = await startDevServer({ port: 0 });
console.log(`devserver on ${server.url} (in memory)`);
const plain = await measureClient(server.url, 'plain');
console.log(
  `ingest plain: ${plain.records} records in ${plain.seconds.toFixed(2)} s → ${Math.round(plain.rate)} records/s (body ${plain.bodyBytes} B; ${cpuNote(plain)})`,
);
const gzip = await measureClient(server.url, 'gzip');
console.log(
  `ingest gzip:  ${gzip.records} records in ${gzip.seconds.toFixed(2)} s → ${Math.round(gzip.rate)} records/s (body ${gzip.bodyBytes} B; ${cpuNote(gzip)})`,
);

// Its own stream, so the query below still reads the 1M rows of the first two runs.
const normalise = await measureClient(server.url, 'normalise', 'orders_from_other_clients');
console.log(
  `ingest, records to normalise: ${normalise.records} records in ${normalise.seconds.toFixed(2)} s → ${Math.round(normalise.rate)} records/s (${cpuNote(normalise)})`,
);

const countSql = 'SELECT count(*) AS n FROM "business_events"';
const { body: countBody } = await searchOnce(server.url, countSql);
const rows = countBody.hits[0].n;
const groupedSql =
  'SELECT category, COUNT(DISTINCT user_id) AS users, COUNT(*) AS events FROM "business_events" GROUP BY category ORDER BY category';
await searchOnce(server.url, groupedSql); // warm-up
const latencies = [];
for (let i = 0; i < QUERY_RUNS; i++) latencies.push((await searchOnce(server.url, groupedSql)).ms);
const queryMedian = median(latencies);
console.log(
  `query over ${rows} rows: median ${queryMedian.toFixed(1)} ms of ${QUERY_RUNS} (min ${Math.min(...latencies).toFixed(1)}, max ${Math.max(...latencies).toFixed(1)})`,
);
await server.stop();

const cpuModel = cpus()[0]?.model ?? 'unknown';
let nproc = String(availableParallelism());
try {
  nproc = execFileSync('nproc').toString().trim();
} catch {}
const section = `<!-- devserver:start -->
## devserver (\`@shoptel/devserver\`, \`pnpm bench\` in packages/devserver)

Machine: ${nproc} cores (\`nproc\`), ${cpuModel}, Node ${process.version}. Run: ${new Date().toISOString().slice(0, 10)}.
Server in memory; the client runs in a child process on the same machine (loopback, keep-alive,
${CONCURRENCY} requests in flight), batches of ${BATCH} \`business_events\`-like records (15 fields) in
the shape shoptel's client sends (flat snake_case fields, \`_timestamp\` in µs), which the devserver
loads as written; the third row sends the same records in a shape it must rewrite. Server CPU is
the server process's (all its threads) per record ingested; client cores show whether the client
was the limit.

| measure | result | target |
|---|---|---|
| ingest over HTTP, plain JSON | ${Math.round(plain.rate).toLocaleString('en-US')} records/s (${plain.records.toLocaleString('en-US')} records; ${cpuNote(plain)}) | ≥ 100,000 |
| ingest over HTTP, gzip | ${Math.round(gzip.rate).toLocaleString('en-US')} records/s (${gzip.records.toLocaleString('en-US')} records; ${cpuNote(gzip)}) | ≥ 100,000 |
| ingest over HTTP, plain JSON, records that need normalising (ms \`_timestamp\`, camelCase, nested) | ${Math.round(normalise.rate).toLocaleString('en-US')} records/s (${normalise.records.toLocaleString('en-US')} records; ${cpuNote(normalise)}) | — |
| grouped \`COUNT(DISTINCT user_id)\` over ${Number(rows).toLocaleString('en-US')} rows via \`_search\` | median ${queryMedian.toFixed(1)} ms of ${QUERY_RUNS} | < 100 ms |
<!-- devserver:end -->`;
const file = join(here, '..', '..', '..', 'BENCHMARKS.md');
let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const pattern = /<!-- devserver:start -->[\s\S]*?<!-- devserver:end -->/;
text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(file, text);
console.log(`updated ${file}`);
