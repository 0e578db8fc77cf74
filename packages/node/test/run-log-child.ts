// Runs a logging fixture in its own process (a crash-like exit must not end the test runner) and
// counts what the devserver stored for that run.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from '@shoptel/core';
import type { TestDevServer } from './devserver.js';

export interface ChildExit {
  code: number | null;
  stderr: string;
  ms: number;
}

export function runLogChild(fixture: string, env: Record<string, string>): Promise<ChildExit> {
  const file = fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr, ms: Date.now() - started }));
  });
}

/** Rows, distinct `seq`s and the `seq` range stored for one run. */
export async function countRun(dev: TestDevServer, run: string) {
  const [row] = await dev.rows<{ rows: number; distinct_seq: number; min_seq: number; max_seq: number }>(
    sql`SELECT count(*) AS rows, count(DISTINCT seq) AS distinct_seq, min(seq) AS min_seq, max(seq) AS max_seq
        FROM ${sql.id('application_logs')} WHERE run = ${run}`,
  );
  return row;
}
