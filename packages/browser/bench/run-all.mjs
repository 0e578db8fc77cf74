// `pnpm bench` for @shoptel/browser: main-thread cost per tracked event in headless Chromium —
// the call plus the follow-up work it schedules, read from a Chrome trace — for shoptel and its
// peers (DataDog Logs, Segment, PostHog) measured in the same run, each subject in its own
// process, burst (2,000 calls in one task) and sporadic (one call per 20 ms timer task).
// Method: ../shared/reference/p8-browser-event-cost.md. Writes the browser section of
// ../../BENCHMARKS.md and bench/results/latest.json.
//   node bench/run-all.mjs            3 traced runs per subject and mode
//   node bench/run-all.mjs --quick    1 run (a smoke run)
//   --no-write                        print only
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { SUBJECTS } from './subjects.mjs';

const argv = process.argv.slice(2);
const RUNS = argv.includes('--quick') ? 1 : 3;
const loadAtStart = os.loadavg();
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const ORDER = ['harness', 'shoptel', 'request-floor', 'worker-floor', 'datadog-logs', 'posthog', 'segment'];
const TARGET_US = 50;

if (!existsSync(here('../dist/shoptel.global.js'))) throw new Error('build the package first (pnpm build)');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const results = {};
for (const mode of ['burst', 'sporadic']) {
  for (const name of ORDER) {
    process.stderr.write(`${mode} ${name} …\n`);
    const out = execFileSync(process.execPath, [here('measure-subject.mjs'), name, mode, String(RUNS)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 600_000,
    });
    const { runs, calls } = JSON.parse(out.trim().split('\n').pop());
    results[`${mode}:${name}`] = {
      calls,
      sync: median(runs.map((r) => r.syncUsPerCall)),
      wall: median(runs.map((r) => r.totalWallUs)),
      cpu: median(runs.map((r) => r.totalCpuUs)),
      workerCpu: median(runs.map((r) => r.workerCpuUs ?? 0)),
      events: median(runs.map((r) => r.events)),
      requests: median(runs.map((r) => r.requests)),
      runs,
    };
  }
}

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const lines = [];
for (const mode of ['burst', 'sporadic']) {
  const harness = results[`${mode}:harness`];
  const ours = results[`${mode}:shoptel`];
  // The sporadic figures are net of the harness's own timer tasks (the reference's method).
  const net = (r, key) => Math.max(0, r[key] - (mode === 'sporadic' ? harness[key] : 0));
  lines.push(
    '',
    `### ${mode === 'burst' ? 'Burst: 2,000 calls in one task' : 'Sporadic: 200 calls, one per 20 ms timer task'} (medians of ${RUNS} runs)`,
    '',
    '| SDK | sync µs/call | total µs/event (wall / CPU) | vs shoptel (wall) | worker threads, CPU µs/event | requests | events received |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const name of ORDER.slice(1)) {
    const r = results[`${mode}:${name}`];
    const ratio = net(r, 'wall') / Math.max(net(ours, 'wall'), 0.001);
    // A subject that did not deliver its events within the window has no figure worth printing.
    if (r.events < 0.95 * r.calls) {
      lines.push(
        `| ${SUBJECTS[name].label} | ${fmt(r.sync)} | incomplete: ${r.events} of ${r.calls} events arrived in the window | – | ${fmt(r.workerCpu)} | ${r.requests} | ${r.events} / ${r.calls} |`,
      );
      continue;
    }
    lines.push(
      `| ${SUBJECTS[name].label} | ${fmt(r.sync)} | ${fmt(net(r, 'wall'))} / ${fmt(net(r, 'cpu'))} | ${name === 'shoptel' ? '1' : `${ratio.toFixed(1)}×`} | ${fmt(r.workerCpu)} | ${r.requests} | ${r.events} / ${r.calls} |`,
    );
  }
  const verdict = net(ours, 'wall') <= TARGET_US ? 'met' : 'NOT met';
  const floor = results[`${mode}:request-floor`];
  const workerFloor = results[`${mode}:worker-floor`];
  lines.push(
    '',
    `Target ≤ ${TARGET_US} µs/event total (wall, median): ${verdict} (${fmt(net(ours, 'wall'))} µs). The request floor — the same number of batched \`fetch\` posts and nothing else — costs ${fmt(net(floor, 'wall'))} µs/event here from the page and ${fmt(net(workerFloor, 'wall'))} from a worker (shoptel posts its batches to the relay from a worker): shoptel is ${(net(ours, 'wall') / Math.max(net(workerFloor, 'wall'), 0.001)).toFixed(2)}× the worker floor.`,
  );
}

const cpus = os.cpus();
const header = `Headless Chromium (\`/usr/bin/chromium\`), ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}. Each subject in its own process and fresh browser context; main-thread time is the sum of top-level \`RunTask\` events on the renderer main thread from the load's start until the collector had every event, minus the idle baseline (p8 method). Load average at the start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')}, at the end ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(
    ' / ',
  )}: compare the ratios, not the absolute figures, with the reference (DataDog Logs 103 µs, DataDog RUM 206 µs total per event there).`;
const section = `## @shoptel/browser (\`pnpm bench\` in packages/browser)\n\n${header}\n${lines.join('\n')}\n`;
console.log(section);

if (!argv.includes('--no-write')) {
  mkdirSync(here('results'), { recursive: true });
  writeFileSync(here('results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const file = here('../../../BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const block = `<!-- browser:start -->\n${section}\n<!-- browser:end -->`;
  const updated = text.includes('<!-- browser:start -->')
    ? text.replace(/<!-- browser:start -->[\s\S]*<!-- browser:end -->/, block)
    : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, updated);
}
