// Enqueue cost per call, steady state: chunks of CHUNK calls, then await a macrotask
// (setTimeout 0) so each library's deferred work (shoptel's drain, sonic-boom's write, OTel's
// export) runs as it would in an app. Subjects interleave; order rotates per round.
// Two figures per subject:
//   syncNs  — wall time inside the emit loops only / calls (the caller's cost)
//   cpuNs   — process CPU (all threads) over the whole segment, including the awaits and a final
//             flush, / calls (everything the library spent per record)
// Run with --expose-gc (a GC between segments keeps one subject's garbage off the next).
// Writes JSON to argv[2].
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createClient } from '@shoptel/core';
import { MESSAGE, orderFields, orderRecord, STREAM } from './lib/records.mjs';
import { median, rotate } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
const pino = require('pino');
const { LoggerProvider, BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');

const CHUNK = 1000;
const CHUNKS = 40; // 40k calls per segment
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const macrotask = () => new Promise((r) => setTimeout(r, 0));

// shoptel: a transport that answers OpenObserve's 200 at once (no HTTP: this is the enqueue bench).
let shoptelRecordsShipped = 0;
const answerTransport = {
  send(request) {
    let n = 0;
    for (
      let at = request.body.indexOf('{"_timestamp":');
      at !== -1;
      at = request.body.indexOf('{"_timestamp":', at + 14)
    )
      n++;
    shoptelRecordsShipped += n;
    return Promise.resolve({
      status: 200,
      headers: {},
      body: `{"code":200,"status":[{"name":"business_events","successful":${n},"failed":0}]}`,
    });
  },
};
const client = createClient({
  url: 'http://127.0.0.1:9',
  organization: 'default',
  auth: { username: 'bench@example.com', password: 'bench' },
  transport: answerTransport,
});

// pino: to pino.destination on /dev/null, async (sonic-boom in the main thread).
const dest = pino.destination({ dest: '/dev/null', sync: false });
const logger = pino(dest);

// OTel: defaults (batch 512, queue 2048, 1 s), an exporter that discards at once.
let otelExported = 0;
const processor = new BatchLogRecordProcessor({
  exporter: {
    export(records, done) {
      otelExported += records.length;
      done({ code: 0 });
    },
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  },
});
const provider = new LoggerProvider({ processors: [processor] });
const otelLogger = provider.getLogger('bench');

let keep; // defeats dead-code elimination in the build-only subject
const SUBJECTS = {
  'build-only': { emit: (i) => (keep = orderRecord(i)), settle: async () => {} },
  shoptel: { emit: (i) => client.send(STREAM, orderRecord(i)), settle: () => client.flush() },
  'pino-destination': {
    emit: (i) => logger.info(orderFields(i), MESSAGE),
    settle: () => new Promise((r) => logger.flush(() => r())),
  },
  'otel-batch': {
    emit: (i) =>
      otelLogger.emit({ severityText: 'INFO', severityNumber: 9, body: MESSAGE, attributes: orderFields(i) }),
    settle: () => processor.forceFlush(),
  },
};
const names = Object.keys(SUBJECTS);

let counter = 0;
const emittedBy = Object.fromEntries(names.map((n) => [n, 0]));
async function segment(subject, chunks, name) {
  emittedBy[name] += chunks * CHUNK;
  global.gc?.();
  // Let V8's concurrent sweeping after the forced GC finish before the CPU window opens.
  await new Promise((r) => setTimeout(r, 50));
  let syncNs = 0n;
  const cpu0 = process.cpuUsage();
  for (let c = 0; c < chunks; c++) {
    const s = process.hrtime.bigint();
    for (let k = 0; k < CHUNK; k++) subject.emit(counter++);
    syncNs += process.hrtime.bigint() - s;
    await macrotask();
  }
  await subject.settle();
  const cpu = process.cpuUsage(cpu0);
  const calls = chunks * CHUNK;
  return { syncNs: Number(syncNs) / calls, cpuNs: ((cpu.user + cpu.system) * 1000) / calls };
}

// Warm-up: every subject, twice.
for (let w = 0; w < 2; w++) for (const name of names) await segment(SUBJECTS[name], 20, name);

const rounds = [];
for (let r = 0; r < ROUNDS; r++) {
  const row = {};
  for (const name of rotate(names, r % names.length)) row[name] = await segment(SUBJECTS[name], CHUNKS, name);
  rounds.push(row);
}
const summary = {};
for (const name of names) {
  summary[name] = {
    syncNs: median(rounds.map((row) => row[name].syncNs)),
    cpuNs: median(rounds.map((row) => row[name].cpuNs)),
    syncRange: [
      Math.min(...rounds.map((row) => row[name].syncNs)),
      Math.max(...rounds.map((row) => row[name].syncNs)),
    ],
    cpuRange: [
      Math.min(...rounds.map((row) => row[name].cpuNs)),
      Math.max(...rounds.map((row) => row[name].cpuNs)),
    ],
  };
}
const stats = await client.shutdown({ timeoutMs: 5000 });
await provider.shutdown();
const out = {
  chunk: CHUNK,
  callsPerSegment: CHUNK * CHUNKS,
  rounds: ROUNDS,
  summary,
  perRound: rounds,
  checks: {
    shoptel: {
      enqueued: stats.enqueued,
      sent: stats.sent,
      dropped: stats.dropped,
      shippedByTransport: shoptelRecordsShipped,
    },
    otel: { emitted: emittedBy['otel-batch'], exported: otelExported },
  },
};
if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(out));
else console.log(JSON.stringify(out, null, 1));
process.exit(0);
