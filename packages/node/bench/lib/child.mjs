import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RUN_TIMEOUT_MS = 180_000;

/** Runs `node --expose-gc script ...args <result.json>` in a fresh process; resolves with its JSON or { error }. */
export function runChild(script, args = [], env = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoptel-node-bench-'));
  const resultFile = path.join(dir, 'result.json');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', script, ...args, resultFile], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...env },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      let result;
      try {
        result = JSON.parse(readFileSync(resultFile, 'utf8'));
      } catch {
        result = { error: `exited ${code} without a result` };
      }
      rmSync(dir, { recursive: true, force: true });
      resolve(result);
    });
  });
}
