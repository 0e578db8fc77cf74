// One subject in its own process: `node bench/measure-subject.mjs <subject> <burst|sporadic> <runs>`.
// Each run: fresh browser context, SDK loaded and ready, 200 warm-up calls, 3 s idle baseline,
// then 2,000 calls in one timer task (burst) or 200 calls one per 20 ms timer task (sporadic),
// traced until the collector has every event (or nothing arrived for 4 s, after at least 8 s).
// Prints one JSON line: per-run sync µs/call and main-thread µs/event (wall, CPU) from the trace.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startCollector } from './collector.mjs';
import { readTrace } from './read-trace.mjs';
import { SUBJECTS } from './subjects.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, mode, runsArg] = process.argv.slice(2);
const subject = SUBJECTS[name];
if (!subject || !['burst', 'sporadic'].includes(mode))
  throw new Error(`usage: <${Object.keys(SUBJECTS).join('|')}> <burst|sporadic> [runs]`);
const RUNS = Number(runsArg ?? 3);
const CALLS = mode === 'burst' ? 2000 : 200;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function bundle() {
  if (subject.bundle === 'dist') return readFileSync(join(packageDir, 'dist', 'shoptel.global.js'), 'utf8');
  if (!subject.entry) return '';
  const result = await build({
    stdin: { contents: subject.entry, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

const sdk = await bundle();
const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title>
<script src="/sdk.js" ${subject.tagData ?? ''}></script><script>${subject.glue ?? ''}</script></head><body></body></html>`;
const collector = await startCollector(html, { '/sdk.js': sdk }, subject.marker);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
});

async function waitDelivered(expected, startedAt) {
  const deadline = startedAt + 60_000;
  for (;;) {
    const now = Date.now();
    if (collector.state.events >= expected) return;
    const quietSince = collector.state.lastEventAt || startedAt;
    // A batch may wait for the 5 s flush interval: 6 s of quiet, after at least 8 s.
    if (now - startedAt >= 8000 && now - quietSince >= 6000) return;
    if (now > deadline) return;
    await sleep(50);
  }
}

const runs = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(collector.url);
  await page.evaluate((base) => window.subject.init(base), collector.url);
  await page.waitForFunction(() => window.subject.ready(), null, { timeout: 30_000 });
  await page.evaluate(() => {
    for (let i = 0; i < 200; i++) window.subject.track(i);
  });
  await sleep(3000);
  if (name !== 'harness') await waitDelivered(200, Date.now() - 3000);
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  await page.evaluate(() => performance.mark('idle-start'));
  await sleep(3000);
  await page.evaluate(() => performance.mark('idle-end'));
  collector.reset();
  const startedAt = Date.now();
  const syncMs = await page.evaluate(
    ([calls, burst]) =>
      new Promise((resolve) => {
        if (burst) {
          setTimeout(() => {
            performance.mark('load-start');
            const t0 = performance.now();
            for (let i = 0; i < calls; i++) window.subject.track(1000 + i);
            resolve(performance.now() - t0);
          }, 0);
          return;
        }
        let i = 0;
        let sync = 0;
        const tick = () => {
          const t0 = performance.now();
          window.subject.track(1000 + i);
          sync += performance.now() - t0;
          if (++i < calls) setTimeout(tick, 20);
          else resolve(sync);
        };
        performance.mark('load-start');
        setTimeout(tick, 20);
      }),
    [CALLS, mode === 'burst'],
  );
  if (name !== 'harness') await waitDelivered(CALLS, startedAt);
  else await sleep(mode === 'burst' ? 500 : 200);
  const deliveredMs = (collector.state.lastEventAt || Date.now()) - startedAt;
  const trace = readTrace(await browser.stopTracing());
  const idleFrom = trace.mark('idle-start');
  const idleTo = trace.mark('idle-end');
  const idle = trace.busy(idleFrom, idleTo);
  const from = trace.mark('load-start');
  const to = trace.end;
  const busy = trace.busy(from, to);
  const inWorkers = trace.workerBusy(from, to);
  const span = to - from;
  const base = {
    wall: (idle.wall / (idleTo - idleFrom)) * span,
    cpu: (idle.cpu / (idleTo - idleFrom)) * span,
  };
  runs.push({
    syncUsPerCall: (syncMs * 1000) / CALLS,
    totalWallUs: Math.max(0, busy.wall - base.wall) / CALLS,
    totalCpuUs: Math.max(0, busy.cpu - base.cpu) / CALLS,
    workerCpuUs: inWorkers.cpu / CALLS,
    events: collector.state.events,
    requests: collector.state.requests,
    deliveredMs,
    idleBusyUsPer3s: idle.wall,
  });
  await context.close();
}
await browser.close();
await collector.close();
console.log(JSON.stringify({ subject: name, mode, calls: CALLS, runs }));
