import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

/** Runs the built CLI as a user would, resolving with its URL once it listens. */
export async function runCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  expect(existsSync(CLI), 'dist/cli.js is missing: run the build before the tests').toBe(true);
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`cli exited ${code}`)));
  });
  return { child, url };
}

/** SIGTERM, resolving when the CLI has exited. */
export function stopCli(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });
}
