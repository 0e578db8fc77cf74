import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, installed by `scripts/ensure-chromium.mjs` before the tests run. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Real headless Chromium. Missing Chromium fails the test with how to install it: browser tests
 * are never skipped.
 */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: run \`node scripts/ensure-chromium.mjs\` (apt-get install -y chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
