// Enqueue cost per call of ONE subject in this process (run-all.mjs starts a fresh process per
// subject, so one subject's garbage never bills another):
//   node --expose-gc bench/enqueue-cost.mjs <subject> <flat|nested> <resultFile>
// Steady state: chunks of CHUNK calls, then await a macrotask (setTimeout 0) so the subject's
// deferred work (shoptel's drain and delivery, sonic-boom's writes, OTel's export) runs as it would
// in an app. Per segment:
//   syncNs — wall time inside the emit loops only / calls (what the caller pays)
//   cpuNs  — process CPU (all threads) over the segment, awaits and a final flush included, / calls
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createClient } from '@shoptel/core';
import { MESSAGE, SHAPES, STREAM } from './lib/records.mjs';
import { median } from './lib/stats.mjs';

const [subjectName, shapeName, resultFile] = process.argv.slice(2);
const shape = SHAPES[shapeName];
const require = createRequire(import.meta.url);
const CHUNK = 1000;
const CHUNKS = 40; // 40k calls per segment
const SEGMENTS = Number(process.env.SEGMENTS ?? 7);
const macrotask = () => new Promise((r) => setTimeout(r, 0));

/** shoptel behind a transport that answers OpenObserve's 200 at once: no HTTP, all client work. */
function shoptel() {
  let requests = 0;
  const client = createClient({
    url: 'http://127.0.0.1:9',
    organization: 'default',
    auth: { username: 'bench@example.com', password: 'bench' },
    transport: {
      send() {
        requests++;
        // An empty 2xx body counts every record as stored, as a relay's answer would.
        return Promise.resolve({ status: 200, headers: {}, body: '' });
      },
    },
  });
  return {
    emit: (i) => client.send(STREAM, shape.record(i)),
    settle: () => client.flush(),
    check: async () => ({ ...(await client.shutdown({ timeoutMs: 5000 })), requests }),
  };
}

/** pino to pino.destination on /dev/null, async (sonic-boom in the main thread). */
function pinoDestination() {
  const pino = require('pino');
  const logger = pino(pino.destination({ dest: '/dev/null', sync: false }));
  return {
    emit: (i) => logger.info(shape.fields(i), MESSAGE),
    settle: () => new Promise((r) => logger.flush(() => r())),
    check: async () => ({}),
  };
}

/** OTel logs SDK, defaults (batch 512, queue 2048, 1 s), an exporter that discards at once. */
function otelBatch() {
  const { LoggerProvider, BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');
  let exported = 0;
  const processor = new BatchLogRecordProcessor({
    exporter: {
      export(records, done) {
        exported += records.length;
        done({ code: 0 });
      },
      shutdown: () => Promise.resolve(),
      forceFlush: () => Promise.resolve(),
    },
  });
  const provider = new LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('bench');
  return {
    emit: (i) =>
      logger.emit({ severityText: 'INFO', severityNumber: 9, body: MESSAGE, attributes: shape.fields(i) }),
    settle: () => processor.forceFlush(),
    check: async () => {
      await provider.shutdown();
      return { exported };
    },
  };
}

let keep; // defeats dead-code elimination in the build-only subject
const SUBJECTS = {
  'build-only': () => ({
    emit: (i) => (keep = shape.record(i)),
    settle: async () => {},
    check: async () => ({ keep: typeof keep }),
  }),
  shoptel,
  'pino-destination': pinoDestination,
  'otel-batch': otelBatch,
};

const subject = SUBJECTS[subjectName]();
let counter = 0;
let emitted = 0;
async function segment(chunks) {
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
  emitted += calls;
  return { syncNs: Number(syncNs) / calls, cpuNs: ((cpu.user + cpu.system) * 1000) / calls };
}

for (let w = 0; w < 3; w++) await segment(20); // warm-up: JIT, caches, pools
const segments = [];
for (let r = 0; r < SEGMENTS; r++) segments.push(await segment(CHUNKS));
const result = {
  subject: subjectName,
  shape: shapeName,
  calls: CHUNK * CHUNKS,
  segments,
  syncNs: median(segments.map((s) => s.syncNs)),
  cpuNs: median(segments.map((s) => s.cpuNs)),
  emitted,
  check: await subject.check(),
};
if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
else console.log(JSON.stringify(result, null, 1));
process.exit(0);
