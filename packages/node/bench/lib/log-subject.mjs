// One log-transport subject in this process:
//   node bench/lib/log-subject.mjs <subject> <lines> <sink url> <run id> <out.json>
// subjects: shoptel (pino + @shoptel/node/pino, worker thread), openobserve (pino +
// @openobserve/pino-openobserve as an in-process stream: its documented `transport` usage throws
// on pino 10), pino-file (pino.transport target 'pino/file', worker thread), destination
// (pino.destination to a file, main thread).
// Writes `lines` lines in chunks of 1,000 with a macrotask between chunks (as a server would),
// then waits until the subject says everything is delivered. Figures:
//   syncNs      wall time inside the logger calls ÷ lines
//   mainCpuNs   CPU of the main thread alone until delivered (Linux: /proc/self/task/<pid>/stat,
//               10 ms ticks; 100,000 lines take seconds, so a tick is well under 1 %) ÷ lines
//   mainNs      main-thread busy time until delivered (event-loop utilisation: the calls plus the
//               deferred work on the main thread — thread-stream's copy, sonic-boom's writes,
//               HTTP; waiting idle for a worker is not counted) ÷ lines
//   cpuNs       process CPU, all threads, from the first line until delivered ÷ lines
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import OpenobserveTransport from '@openobserve/pino-openobserve';
import pino from 'pino';

const [subject, linesArg, sinkUrl, run, out] = process.argv.slice(2);
const LINES = Number(linesArg);
const WARMUP = 5000;
const CHUNK = 1000;
const STREAM = 'bench_logs';
const AUTH = { username: 'root@example.com', password: 'Complexpass#123' };
const dir = mkdtempSync(path.join(os.tmpdir(), 'shoptel-log-bench-'));
const file = path.join(dir, 'out.log');
// utime + stime of the main thread (its task id is the process id), in ns.
const TICK_NS = 10_000_000;
function mainThreadCpuNs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_NS;
  } catch {
    return Number.NaN; // not Linux
  }
}
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
const onceReady = (stream) => new Promise((resolve) => stream.once('ready', resolve));
let measuring = false;
const LINES_WRITTEN = () => measuring;
const flushed = (logger) => new Promise((resolve) => logger.flush(resolve));

async function build() {
  const base = { base: { pid: process.pid, hostname: 'bench', run } };
  if (subject === 'shoptel') {
    const transport = pino.transport({
      target: '@shoptel/node/pino',
      options: { url: sinkUrl, auth: AUTH, stream: STREAM, env: false },
    });
    await onceReady(transport);
    const logger = pino(base, transport);
    // Our transport answers flush() once the lines are delivered.
    return { logger, delivered: () => flushed(logger), count: () => undefined };
  }
  if (subject === 'openobserve') {
    const transport = new OpenobserveTransport({
      url: sinkUrl,
      organization: 'default',
      streamName: STREAM,
      auth: AUTH,
      timeThreshold: 1000,
    });
    const logger = pino(base, transport);
    return {
      logger,
      // No flush: wait until its buffer is empty and no request is in flight.
      async delivered() {
        while (transport.logs.length > 0 || transport.apiCallInProgress || transport.writableLength > 0)
          await new Promise((resolve) => setTimeout(resolve, 5));
      },
      count: () => undefined,
    };
  }
  if (subject === 'pino-file') {
    const transport = pino.transport({ target: 'pino/file', options: { destination: file } });
    await onceReady(transport);
    const logger = pino(base, transport);
    return { logger, delivered: () => flushed(logger), count: countFileLines };
  }
  if (subject === 'destination') {
    const destination = pino.destination({ dest: file, sync: false });
    const logger = pino(base, destination);
    let ended = false;
    return {
      logger,
      // sonic-boom's flush(cb) may answer before its last write: at the end, end it and wait for close.
      delivered: () =>
        ended
          ? Promise.resolve()
          : flushed(logger).then(() =>
              LINES_WRITTEN()
                ? new Promise((resolve) => {
                    ended = true;
                    destination.once('close', resolve);
                    destination.end();
                  })
                : undefined,
            ),
      count: countFileLines,
    };
  }
  throw new Error(`unknown subject ${subject}`);
}

function countFileLines() {
  const text = readFileSync(file, 'utf8');
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return n - WARMUP;
}

const write = (logger, i) =>
  logger.info(
    { seq: i, order_id: `o-${i}`, amount: 12.5, user_id: 'u-1', path: '/api/orders' },
    'order created',
  );

const { logger, delivered, count } = await build();
for (let i = 0; i < WARMUP; i += CHUNK) {
  for (let k = 0; k < CHUNK; k++) write(logger, -1 - i - k);
  await macrotask();
}
await delivered();
global.gc?.();
await new Promise((resolve) => setTimeout(resolve, 50));

let syncNs = 0n;
measuring = true;
const elu0 = performance.eventLoopUtilization();
const cpu0 = process.cpuUsage();
const main0 = mainThreadCpuNs();
for (let i = 0; i < LINES; i += CHUNK) {
  const t = process.hrtime.bigint();
  for (let k = 0; k < CHUNK; k++) write(logger, i + k);
  syncNs += process.hrtime.bigint() - t;
  await macrotask();
}
await delivered();
// Until delivered: the openobserve stream does its HTTP on the main thread after the calls.
const elu = performance.eventLoopUtilization(elu0);
const cpu = process.cpuUsage(cpu0);
const mainCpu = mainThreadCpuNs() - main0;
const result = {
  subject,
  lines: LINES,
  warmup: WARMUP,
  syncNs: Number(syncNs) / LINES,
  mainCpuNs: mainCpu / LINES,
  mainNs: (elu.active * 1e6) / LINES,
  cpuNs: ((cpu.user + cpu.system) * 1000) / LINES,
  fileLines: count(),
};
writeFileSync(out, JSON.stringify(result));
rmSync(dir, { recursive: true, force: true });
process.exit(0);
