// One delivery run: `node bench/delivery-cost.mjs <pipeline> <burst|paced> <N> <sinkUrl> <resultFile>`.
// CPU = process.cpuUsage (all threads) from the first emit until the sink confirms N records.
import { writeFileSync } from 'node:fs';
import { machineBusyMs } from './lib/host.mjs';
import { PIPELINES } from './lib/pipelines.mjs';
import { sinkGet } from './lib/sink.mjs';

const [pipelineName, shape, nText, sinkUrl, resultFile] = process.argv.slice(2);
const N = Number(nText);
const PACE_CHUNK = 1000;
const PACE_MS = 20;

const pipeline = await PIPELINES[pipelineName](sinkUrl, N, shape);

// Peak memory is the kernel's high-water mark read once at the end: sampling RSS inside the window
// cost up to a millisecond of CPU per call on a busy machine, billed to every subject alike.
const rssBefore = process.memoryUsage.rss();

const sinkBefore = await sinkGet(sinkUrl, '/count');
const confirmed = sinkGet(sinkUrl, `/wait?n=${N}`).then((s) => ({
  s,
  t: process.hrtime.bigint(),
  cpu: process.cpuUsage(),
}));
await new Promise((r) => setTimeout(r, 30)); // the long-poll is connected before the window opens

const busy0 = machineBusyMs();
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let emitNs = 0n;

if (shape === 'burst') {
  const s = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    pipeline.emit(i);
  }
  emitNs = process.hrtime.bigint() - s;
} else {
  let i = 0;
  for (let tick = 0; i < N; tick++) {
    const due = Number(t0 / 1_000_000n) + tick * PACE_MS;
    const wait = due - Number(process.hrtime.bigint() / 1_000_000n);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const s = process.hrtime.bigint();
    for (const end = Math.min(N, i + PACE_CHUNK); i < end; i++) pipeline.emit(i);
    emitNs += process.hrtime.bigint() - s;
  }
}
const cpuAfterEmit = process.cpuUsage(cpu0);
pipeline.finish();
// A pipeline that can tell when all its records are settled ends the window then if the sink
// never reaches N (records dropped by a bounded queue); otherwise the sink's confirmation does.
const settledShort = pipeline.settled
  ? pipeline.settled().then(async () => {
      const t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const s = await sinkGet(sinkUrl, '/count');
      return s.count < N ? { s, t, cpu, incomplete: true } : new Promise(() => {});
    })
  : new Promise(() => {});
const { s: sinkAfter, t: t1, cpu: cpuEnd, incomplete } = await Promise.race([confirmed, settledShort]);
const busy1 = machineBusyMs();

const cpuMs = (cpuEnd.user - cpu0.user + cpuEnd.system - cpu0.system) / 1000;
const wallMs = Number(t1 - t0) / 1e6;
const sinkCpuMs = (sinkAfter.cpuUs - sinkBefore.cpuUs) / 1000;
const result = {
  pipeline: pipelineName,
  shape,
  n: N,
  delivered: sinkAfter.count,
  incomplete: Boolean(incomplete),
  cpuMs,
  cpuUsPerRecord: (cpuMs * 1000) / N,
  // The kernel's share: loopback TCP is processed in the sending process, so bytes sent cost here.
  systemCpuMs: (cpuEnd.system - cpu0.system) / 1000,
  emitLoopCpuMs: (cpuAfterEmit.user + cpuAfterEmit.system) / 1000,
  wallMs,
  recordsPerSec: sinkAfter.count / (wallMs / 1000), // delivered records per second
  peakRssMB: process.resourceUsage().maxRSS / 1024,
  rssBeforeMB: rssBefore / 2 ** 20,
  emitNsPerCall: Number(emitNs) / N,
  posts: sinkAfter.posts - sinkBefore.posts,
  wireBytesPerRecord: (sinkAfter.bytes - sinkBefore.bytes) / N,
  sinkCpuMs,
  // Machine busy time in the window that was neither this process nor the sink.
  otherBusyMs: busy1 - busy0 - cpuMs - sinkCpuMs,
  settings: pipeline.settings,
};
try {
  Object.assign(
    result,
    await Promise.race([
      pipeline.close(),
      new Promise((r) => setTimeout(() => r({ closeTimedOut: true }), 15_000)),
    ]),
  );
} catch (error) {
  result.closeError = String(error);
}
writeFileSync(resultFile, JSON.stringify(result));
process.exit(0);
