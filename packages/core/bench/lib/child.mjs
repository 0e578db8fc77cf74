import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RUN_TIMEOUT_MS = 120_000;

/**
 * Runs `node [nodeArgs] script ...args <resultFile>` in a fresh process, killed after 120 s.
 * stdout is read and discarded (pino-openobserve prints a line per request); stderr passes through.
 * Resolves with the JSON the script wrote, or { error }.
 */
export function runChild(script, args = [], nodeArgs = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoptel-bench-'));
  const resultFile = path.join(dir, 'result.json');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args, resultFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.resume();
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      let result;
      try {
        result = JSON.parse(readFileSync(resultFile, 'utf8'));
      } catch {
        result = { error: killed ? 'killed after 120 s' : `exited ${code} without a result` };
      }
      rmSync(dir, { recursive: true, force: true });
      resolve(result);
    });
  });
}
