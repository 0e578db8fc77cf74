// The npm build as a shop's bundler gets it (`dist/index.js`, built by tsup with the production
// defines: no debug messages, the npm-only checks in), in happy-dom. Needs `pnpm build` first, as
// the Chromium tests do.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserProblem, ShoptelBrowser } from '../src/index.js';

// A path, not a specifier: the types are the source's, and `tsc` must not need a build.
const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');
const { init } = (await import(/* @vite-ignore */ built)) as typeof import('../src/index.js');

const running: ShoptelBrowser[] = [];
afterEach(async () => {
  for (const client of running.splice(0)) await client.shutdown();
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('the npm build', () => {
  it('warns when init is called again, whose options are then ignored', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    running.push(init({ consent: 'pending', autoCapture: false }));
    const again = init({ consent: 'granted', autoCapture: false });
    expect(again).toBe(running[0]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('init() called again'));
  });

  it('reports an amount it left out, without a message (production)', async () => {
    const problems: BrowserProblem[] = [];
    const client = init({ consent: 'pending', autoCapture: false, onError: (p) => problems.push(p) });
    running.push(client);
    client.trackCartAdd({ productId: 'sku-1', price: Number.NaN });
    expect(problems).toEqual([{ reason: 'invalid_event', count: 1, message: '' }]);
  });
});
