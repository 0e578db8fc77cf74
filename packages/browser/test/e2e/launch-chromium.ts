import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, installed by `scripts/ensure-chromium.mjs` before the tests run. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Real headless Chromium (`backForwardCache`: with the back/forward cache, as browsers ship it). Missing Chromium fails the test with how to install it: browser tests
 * are never skipped.
 */
export function launchChromium({ backForwardCache = false } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: run \`node scripts/ensure-chromium.mjs\` (apt-get install -y chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Playwright turns the back/forward cache off by default; a test of its restores turns it on.
    ignoreDefaultArgs: backForwardCache ? ['--disable-back-forward-cache'] : [],
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
