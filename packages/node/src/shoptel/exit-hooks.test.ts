import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';

const dev = useDevServer();
const child = fileURLToPath(new URL('../../test/fixtures/exit-hooks-child.mjs', import.meta.url));

function runChild(mode: 'signal' | 'idle'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child], {
      env: { ...process.env, DEV_URL: dev.url, MODE: mode },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    proc.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) proc.kill('SIGTERM');
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

const countFor = async (service: string) =>
  (
    await dev.rows<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM ${sql.id('business_events')} WHERE service = ${service}`,
    )
  )[0]?.n;

describe('startExitHooks', () => {
  it('drains on SIGTERM, then ends the process by that signal', async () => {
    const exit = await runChild('signal');
    expect(exit.signal).toBe('SIGTERM');
    expect(await countFor('exit-signal')).toBe(1);
  });

  it('drains when the event loop empties (beforeExit)', async () => {
    const exit = await runChild('idle');
    expect(exit.code).toBe(0);
    expect(await countFor('exit-idle')).toBe(1);
  });
});
