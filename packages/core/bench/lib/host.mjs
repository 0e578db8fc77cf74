// Host noise checks from p4: CPU spinners before/after a run, and /proc/stat busy time.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const SPIN = `const t=Date.now(),c=process.cpuUsage();while(Date.now()-t<300){}const d=process.cpuUsage(c);process.stdout.write(String((d.user+d.system)/1000/(Date.now()-t)))`;

function spinOnce() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', SPIN], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => resolve(Number(out) || 0));
  });
}

/** Two 300 ms spinners at once; each must get ≥ 0.9 of a core. Returns the two shares. */
export async function spinnerCheck() {
  const shares = await Promise.all([spinOnce(), spinOnce()]);
  return { shares: shares.map((s) => Math.round(s * 100) / 100), ok: shares.every((s) => s >= 0.9) };
}

const TICK_MS = 1000 / 100; // USER_HZ

/** Busy CPU ms of the whole machine so far (user+nice+system+irq+softirq+steal), from /proc/stat. */
export function machineBusyMs() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

export function machine() {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) model = m[1].trim();
  } catch {}
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    date: new Date().toISOString(),
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
