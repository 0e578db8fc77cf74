// The log-transport suite of `pnpm bench`: pino with each transport, every subject in its own
// fresh process, alternating order. The HTTP subjects send to a counting sink in its own process
// (a devserver parsing and loading every line would take CPU from the subject being measured);
// delivered lines are counted by that sink or in the file.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.mjs';
import { median } from './harness.mjs';

export const LOG_SUBJECTS = ['shoptel', 'openobserve', 'pino-file', 'destination'];
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

async function startCountSink() {
  const child = spawn(process.execPath, [here('./count-sink.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      const match = /port (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`count sink exited ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    received: async () => (await (await fetch(`${url}/count`)).json()).received,
    stop: () => child.kill('SIGTERM'),
  };
}

/** Runs every subject `reps` times; resolves with per-subject medians. */
export async function runLogTransportBench({ reps = 3, lines = 100_000, log = console.log } = {}) {
  const sink = await startCountSink();
  const runs = Object.fromEntries(LOG_SUBJECTS.map((s) => [s, []]));
  try {
    for (let rep = 0; rep < reps; rep++) {
      const order = rep % 2 === 0 ? LOG_SUBJECTS : [...LOG_SUBJECTS].reverse();
      for (const subject of order) {
        const before = await sink.received();
        const result = await runChild(here('./log-subject.mjs'), [subject, String(lines), sink.url, subject]);
        if (result.error) throw new Error(`logs/${subject}: ${result.error}`);
        // The sink also counted the warm-up lines.
        const delivered = result.fileLines ?? (await sink.received()) - before - result.warmup;
        const entry = { ...result, delivered, linesPerCpuSecond: delivered / ((result.cpuNs * lines) / 1e9) };
        runs[subject].push(entry);
        log(
          `logs/${subject} #${rep + 1}: main-thread CPU ${result.mainCpuNs.toFixed(0)} ns/line, busy ${result.mainNs.toFixed(0)} ns/line (calls ${result.syncNs.toFixed(0)}), cpu ${result.cpuNs.toFixed(0)} ns/line, delivered ${delivered}/${lines}, ${Math.round(entry.linesPerCpuSecond)} lines/CPU-s`,
        );
      }
    }
  } finally {
    sink.stop();
  }
  const summary = {};
  for (const subject of LOG_SUBJECTS) {
    const list = runs[subject];
    summary[subject] = {
      syncNs: median(list.map((r) => r.syncNs)),
      mainCpuNs: median(list.map((r) => r.mainCpuNs)),
      mainNs: median(list.map((r) => r.mainNs)),
      cpuNs: median(list.map((r) => r.cpuNs)),
      linesPerCpuSecond: median(list.map((r) => r.linesPerCpuSecond)),
      delivered: list.map((r) => `${r.delivered}/${lines}`).join(', '),
    };
  }
  return { runs, summary, lines, reps };
}

const LABELS = {
  shoptel: 'pino + `@shoptel/node/pino` (worker thread → HTTP)',
  openobserve: 'pino + `@openobserve/pino-openobserve` 0.0.3 (in-process stream → HTTP)',
  'pino-file': "pino + `pino.transport({ target: 'pino/file' })` (worker thread → file)",
  destination: 'pino + `pino.destination(file)` (main thread → file)',
};

/** The BENCHMARKS.md lines for the suite. */
export function logTransportSection({ summary, lines, reps }) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const ratio = summary.shoptel.mainCpuNs / summary['pino-file'].mainCpuNs;
  const busyRatio = summary.shoptel.mainNs / summary['pino-file'].mainNs;
  return [
    `**pino transports** (${reps} process run(s) per subject, alternating; each writes ${fmt(lines)} lines of 5 fields after a 5,000-line warm-up, in chunks of 1,000 with \`await setTimeout(0)\` between, then waits for delivery; the HTTP ones send to a sink in its own process that counts records without parsing them). **Main-thread CPU** = CPU time of the main thread alone (Linux per-thread counters) from the first line until delivered ÷ lines: the calls, thread-stream's copy into the worker's buffer, sonic-boom's writes, HTTP done on the main thread; **busy** = event-loop busy wall time over the same span (higher than the CPU when the thread waits for a core); **calls** = time inside \`logger.info\`; **CPU** = the subject process's CPU over all threads ÷ lines; **lines/CPU-s** = lines delivered ÷ that CPU.`,
    '',
    '| Subject | main-thread CPU ns/line | busy ns/line | calls ns/line | CPU ns/line (all threads) | lines delivered / CPU-s | delivered |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...Object.entries(summary).map(
      ([subject, s]) =>
        `| ${LABELS[subject]} | ${fmt(s.mainCpuNs)} | ${fmt(s.mainNs)} | ${fmt(s.syncNs)} | ${fmt(s.cpuNs)} | ${fmt(s.linesPerCpuSecond)} | ${s.delivered} |`,
    ),
    '',
    `shoptel's main-thread CPU per line is **${ratio.toFixed(2)}×** that of pino's own worker transport to a file (target ≤ 1.2× ${ratio <= 1.2 ? '✓' : '✗'}; busy time ${busyRatio.toFixed(2)}×).`,
  ];
}
