// Relay end to end: devserver, relay and load each in their own process. Events/s counts from the
// first request until the relay's client has flushed everything into the devserver; "one core"
// divides the events by the relay process's CPU seconds.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.mjs';

const here = (file) => fileURLToPath(new URL(`../${file}`, import.meta.url));

function startLineChild(script, env = {}) {
  const child = spawn(process.execPath, [script], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const nextLine = () => new Promise((resolve) => waiting.push(resolve));
  return { child, nextLine };
}

export async function relayThroughput({ events = 200_000, batch = 30, concurrency = 8 } = {}) {
  const dev = startLineChild(here('relay-devserver.mjs'));
  const { url } = await dev.nextLine();
  const relay = startLineChild(here('relay-server.mjs'), { DEV_URL: url });
  const { port } = await relay.nextLine();
  try {
    const started = performance.now();
    const load = await runChild(here('relay-load.mjs'), [String(port)], {
      EVENTS: String(events),
      BATCH: String(batch),
      CONCURRENCY: String(concurrency),
    });
    const reported = relay.nextLine();
    relay.child.stdin.write('report\n');
    const { cpuUs, stats } = await reported;
    const wallMs = performance.now() - started;
    return {
      events,
      batch,
      concurrency,
      loadStatuses: load.statuses,
      sent: stats.sent,
      failed: stats.failed,
      dropped: stats.dropped,
      wallMs,
      eventsPerSecond: (stats.sent / wallMs) * 1000,
      relayCpuUsPerEvent: cpuUs / stats.sent,
      eventsPerCoreSecond: stats.sent / (cpuUs / 1e6),
    };
  } finally {
    relay.child.kill('SIGKILL');
    dev.child.kill('SIGTERM');
  }
}
