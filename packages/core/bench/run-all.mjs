// `pnpm bench` for @shoptel/core: every benchmark subject in a fresh child process (killed after
// 120 s), peers in the same run, then ratios printed and written into ../../BENCHMARKS.md (core
// section).
//   node bench/run-all.mjs            full run: N = 200,000, 3 repetitions, burst + paced, then
//                                     paced sustained for 1,000,000 records (20 s) for shoptel and OTel
//   node bench/run-all.mjs --quick    N = 20,000, 1 repetition, burst only (a smoke run)
//   --no-paced  --no-write  --only=enqueue,delivery,burst
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runChild } from './lib/child.mjs';
import { machine, spinnerCheck } from './lib/host.mjs';
import { LABELS } from './lib/pipelines.mjs';
import { writeReport } from './lib/report.mjs';
import { startSink } from './lib/sink.mjs';
import { median, rotate } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = (argv.find((a) => a.startsWith('--only='))?.slice(7) ?? 'enqueue,delivery,burst').split(',');
const N = quick ? 20_000 : 200_000;
const REPS = quick ? 1 : 3;
const SHAPES =
  quick || argv.includes('--no-paced')
    ? ['burst']
    : (argv
        .find((a) => a.startsWith('--shapes='))
        ?.slice(9)
        .split(',') ?? ['burst', 'paced', 'sustained']);
const PIPELINES = ['shoptel-node', 'shoptel-ky', 'shoptel-node-b1000', 'otel', 'pino-openobserve'];
// The paced input kept up for 20 s: a 4 s run is a third JIT warm-up and connection set-up, which a
// service pays once; the sustained run shows the per-record cost it pays from then on.
const SUSTAINED_N = 1_000_000;
const SUSTAINED_PIPELINES = ['shoptel-node', 'otel'];
const shapeN = (shape) => (shape === 'sustained' ? SUSTAINED_N : N);
const shapePipelines = (shape) => (shape === 'sustained' ? SUSTAINED_PIPELINES : PIPELINES);
const MAX_ATTEMPTS = 4;
const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();

const noise = {
  attempts: 0,
  accepted: 0,
  acceptedNoisy: 0,
  spinnerShares: [],
  otherBusyMs: [],
  failures: [],
};
const log = (...a) => console.log(...a);

/** Runs `work` between two spinner checks until the host looks quiet, at most MAX_ATTEMPTS times. */
async function quietly(label, work, otherBusyOk = () => true) {
  const tries = [];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    noise.attempts++;
    const before = await spinnerCheck();
    const result = await work();
    const after = await spinnerCheck();
    noise.spinnerShares.push(...before.shares, ...after.shares);
    const busyOk = otherBusyOk(result);
    const ok = before.ok && after.ok && busyOk && !result.error;
    tries.push({
      result,
      score: (before.ok ? 0 : 1) + (after.ok ? 0 : 1) + (busyOk ? 0 : 2) + (result.error ? 100 : 0),
    });
    result.noise = {
      attempt,
      spinnersBefore: before.shares,
      spinnersAfter: after.shares,
      otherBusyOk: busyOk,
      passed: ok,
    };
    if (ok) {
      noise.accepted++;
      return result;
    }
    noise.failures.push(
      `${label}#${attempt}: spinners ${before.shares}/${after.shares}${busyOk ? '' : `, other busy ${Math.round(result.otherBusyMs ?? 0)} ms`}${result.error ? `, ${result.error}` : ''}`,
    );
    await sleep(1000 * attempt);
  }
  // No quiet attempt: keep the least noisy one and flag it.
  noise.accepted++;
  noise.acceptedNoisy++;
  tries.sort((a, b) => a.score - b.score);
  return tries[0].result;
}

// With --only, sections not re-run are kept from the previous full run's results.
const previousFile = here(`./results/${quick ? 'quick' : 'latest'}.json`);
const previous =
  argv.some((a) => a.startsWith('--only=')) && existsSync(previousFile)
    ? JSON.parse(readFileSync(previousFile, 'utf8'))
    : {};
const results = {
  ...previous,
  machine: machine(),
  quick,
  n: N,
  reps: REPS,
  shapes: previous.shapes ?? SHAPES,
};
if (previous.machine)
  results.previousRun = { date: previous.machine.date, noise: previous.noise, rerun: only };
log(
  `machine: ${results.machine.nproc} CPU ${results.machine.cpuModel}, node ${results.machine.node}, load ${results.machine.loadavg}`,
);

// 1. Enqueue cost: every subject and record shape in its own fresh process, REPS times, order rotated.
const ENQUEUE_SUBJECTS = ['build-only', 'shoptel', 'pino-destination', 'otel-batch'];
const RECORD_SHAPES = ['flat', 'nested'];
if (only.includes('enqueue')) {
  log('\n== enqueue cost (a fresh process per subject and shape) ==');
  const runs = {};
  for (let rep = 0; rep < REPS; rep++) {
    for (const shape of RECORD_SHAPES) {
      for (const subject of rotate(ENQUEUE_SUBJECTS, rep)) {
        const r = await quietly(`enqueue/${subject}/${shape}/${rep + 1}`, () =>
          runChild(here('./enqueue-cost.mjs'), [subject, shape], ['--expose-gc']),
        );
        runs[`${subject}/${shape}`] ??= [];
        runs[`${subject}/${shape}`].push(r);
        log(
          `${shape.padEnd(6)} rep ${rep + 1} ${subject.padEnd(18)} ${r.error ?? `sync ${r.syncNs.toFixed(0).padStart(6)} ns/call  cpu incl. deferred ${r.cpuNs.toFixed(0).padStart(6)} ns/record`}`,
        );
      }
    }
  }
  const summary = {};
  for (const [key, list] of Object.entries(runs)) {
    const ok = list.filter((r) => !r.error);
    summary[key] = {
      syncNs: median(ok.map((r) => r.syncNs)),
      cpuNs: median(ok.map((r) => r.cpuNs)),
      syncRange: [Math.min(...ok.map((r) => r.syncNs)), Math.max(...ok.map((r) => r.syncNs))],
      cpuRange: [Math.min(...ok.map((r) => r.cpuNs)), Math.max(...ok.map((r) => r.cpuNs))],
      runs: list.length,
      errors: list.filter((r) => r.error).map((r) => r.error),
      checks: ok.map((r) => r.check),
      calls: ok[0]?.calls,
    };
  }
  results.enqueue = { summary, subjects: ENQUEUE_SUBJECTS, shapes: RECORD_SHAPES, reps: REPS };
  for (const shape of RECORD_SHAPES) {
    const at = (subject, field) => summary[`${subject}/${shape}`]?.[field];
    const deferred =
      at('shoptel', 'cpuNs') -
      at('build-only', 'cpuNs') -
      (at('shoptel', 'syncNs') - at('build-only', 'syncNs'));
    log(
      `${shape}: shoptel deferred CPU ${deferred.toFixed(0)} ns/record; sync shoptel/pino ${(at('shoptel', 'syncNs') / at('pino-destination', 'syncNs')).toFixed(3)}, shoptel/otel ${(at('shoptel', 'syncNs') / at('otel-batch', 'syncNs')).toFixed(3)}`,
    );
  }
}

// 2. Delivery of N records to a sink process.
if (only.includes('delivery')) {
  results.delivery = { ...(previous.delivery ?? {}) };
  for (const shape of SHAPES) {
    const n = shapeN(shape);
    const pipelines = shapePipelines(shape);
    log(`\n== delivery, ${shape}, N = ${n}, ${REPS} repetition(s), rotated order ==`);
    const runs = Object.fromEntries(pipelines.map((p) => [p, []]));
    for (let rep = 0; rep < REPS; rep++) {
      for (const pipeline of rotate(pipelines, rep)) {
        const r = await quietly(
          `${shape}/${pipeline}/${rep + 1}`,
          async () => {
            const sink = await startSink();
            try {
              return await runChild(here('./delivery-cost.mjs'), [pipeline, shape, String(n), sink.url]);
            } finally {
              sink.stop();
            }
          },
          (r) => r.otherBusyMs !== undefined && r.otherBusyMs < Math.max(50, 0.03 * r.wallMs),
        );
        runs[pipeline].push(r);
        log(
          `${shape} rep ${rep + 1} ${pipeline.padEnd(20)} ${r.error ?? `${r.delivered}/${n}  ${r.cpuUsPerRecord.toFixed(2)} µs/rec  ${Math.round(r.recordsPerSec)} rec/s  rss ${Math.round(r.peakRssMB)} MB  other busy ${Math.round(r.otherBusyMs)} ms${r.noise.passed ? '' : '  [noisy]'}`}`,
        );
      }
    }
    const summary = {};
    for (const p of pipelines) {
      const ok = runs[p].filter((r) => !r.error);
      const pick = (k) => ({
        median: median(ok.map((r) => r[k])),
        min: Math.min(...ok.map((r) => r[k])),
        max: Math.max(...ok.map((r) => r[k])),
      });
      summary[p] = {
        label: LABELS[p],
        runs: runs[p].length,
        errors: runs[p].filter((r) => r.error).map((r) => r.error),
        delivered: ok.map((r) => r.delivered),
        dropped: ok.map((r) => r.stats?.dropped ?? 0),
        cpuUsPerRecord: pick('cpuUsPerRecord'),
        cpuMs: pick('cpuMs'),
        emitLoopCpuMs: pick('emitLoopCpuMs'),
        wallMs: pick('wallMs'),
        recordsPerSec: pick('recordsPerSec'),
        peakRssMB: pick('peakRssMB'),
        emitNsPerCall: pick('emitNsPerCall'),
        sinkCpuMs: pick('sinkCpuMs'),
        posts: median(ok.map((r) => r.posts)),
        wireBytesPerRecord: median(ok.map((r) => r.wireBytesPerRecord)),
        noisyRuns: runs[p].filter((r) => !r.noise?.passed).length,
        settings: ok[0]?.settings,
        shoptelStats: ok.map((r) => r.stats).filter(Boolean),
      };
    }
    results.delivery[shape] = {
      summary,
      runs,
      settings: { n, reps: REPS, date: new Date().toISOString() },
    };
    const base = summary['shoptel-node'].cpuUsPerRecord.median;
    for (const p of pipelines)
      log(
        `${p.padEnd(20)} median ${summary[p].cpuUsPerRecord.median.toFixed(2)} µs/rec; shoptel-node / this = ${(base / summary[p].cpuUsPerRecord.median).toFixed(3)}`,
      );
  }
}

// 3. 5,000-record burst with default settings.
if (only.includes('burst')) {
  log('\n== 5,000-record synchronous burst, default settings ==');
  const sink = await startSink();
  try {
    results.burstDrop = await runChild(here('./burst-drop.mjs'), [sink.url]);
  } finally {
    sink.stop();
  }
  const b = results.burstDrop;
  log(
    b.error ??
      `dropped ${b.stats.dropped}, delivered ${b.delivered}/${b.n}, sent ${b.stats.sent}, posts ${b.posts}, confirmed in ${b.confirmedWithinMs} ms`,
  );
}

results.noise = {
  ...noise,
  spinnerShareMedian: median(noise.spinnerShares),
  spinnerShareMin: noise.spinnerShares.length ? Math.min(...noise.spinnerShares) : null,
  spinnerCheckPassRate: noise.spinnerShares.length
    ? noise.spinnerShares.filter((s) => s >= 0.9).length / noise.spinnerShares.length
    : null,
};
results.elapsedS = Math.round((Date.now() - started) / 1000);
results.machine.loadavgEnd = machine().loadavg;

mkdirSync(here('./results'), { recursive: true });
writeFileSync(here(`./results/${quick ? 'quick' : 'latest'}.json`), JSON.stringify(results, null, 1));
log(
  `\nnoise: ${noise.attempts} attempts for ${noise.accepted} accepted runs, ${noise.acceptedNoisy} accepted without passing; spinner share median ${results.noise.spinnerShareMedian}`,
);
if (!argv.includes('--no-write') && !quick) {
  const file = writeReport(results);
  log(`wrote ${file}`);
}
log(`done in ${results.elapsedS} s`);
process.exit(0);
