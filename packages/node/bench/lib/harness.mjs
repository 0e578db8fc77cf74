// The measuring loop every subject runs in its own process: chunks of CHUNK calls, then a
// macrotask (so deferred work — shoptel's drain, sonic-boom's writes, span export — runs between
// chunks as in an app), a final settle, and two figures per segment:
//   syncNs — wall time inside the call loops ÷ calls (what the caller pays)
//   cpuNs  — process CPU (all threads) over the segment, awaits and settle included ÷ calls, less
//            what the subject reports as standing in for the other end (`untimedUs`)
import { writeFileSync } from 'node:fs';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function segment(subject, chunk, chunks, start) {
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  let syncNs = 0n;
  let i = start;
  // CPU a subject spends standing in for the other end (a sink counting records) is not its own.
  const untimed0 = subject.untimedUs?.() ?? 0;
  const cpu0 = process.cpuUsage();
  for (let c = 0; c < chunks; c++) {
    const t = process.hrtime.bigint();
    for (let k = 0; k < chunk; k++) subject.call(i++);
    syncNs += process.hrtime.bigint() - t;
    await macrotask();
  }
  await subject.settle();
  const cpu = process.cpuUsage(cpu0);
  const untimedUs = (subject.untimedUs?.() ?? 0) - untimed0;
  const calls = chunk * chunks;
  return {
    syncNs: Number(syncNs) / calls,
    cpuNs: ((cpu.user + cpu.system - untimedUs) * 1000) / calls,
    untimedNs: (untimedUs * 1000) / calls,
  };
}

/** Warm-up, then `rounds` segments; medians and ranges of both figures. */
export async function measure(subject, { chunk = 1000, chunks = 40, rounds = 5 } = {}) {
  let at = 0;
  for (let w = 0; w < 2; w++) {
    await segment(subject, chunk, 20, at);
    at += chunk * 20;
  }
  const results = [];
  for (let r = 0; r < rounds; r++) {
    results.push(await segment(subject, chunk, chunks, at));
    at += chunk * chunks;
  }
  const pick = (key) => results.map((result) => result[key]);
  return {
    syncNs: median(pick('syncNs')),
    cpuNs: median(pick('cpuNs')),
    syncRange: [Math.min(...pick('syncNs')), Math.max(...pick('syncNs'))],
    cpuRange: [Math.min(...pick('cpuNs')), Math.max(...pick('cpuNs'))],
    untimedNs: median(pick('untimedNs').map((ns) => ns ?? 0)),
    calls: at,
  };
}

/** Writes the result where the parent asked (last argument), or prints it. */
export function writeResult(result) {
  const file = process.argv.at(-1);
  if (file?.endsWith('.json')) writeFileSync(file, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 1));
}
