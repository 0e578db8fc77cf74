// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SDK_NAME, SDK_VERSION } from './version.js';

describe('SDK_VERSION', () => {
  it("is package.json's version, so the relay stores the version that was shipped", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(SDK_VERSION).toBe(pkg.version);
    expect(SDK_NAME).toMatch(/^shoptel-browser\/[0-9A-Za-z.+-]{1,32}$/);
  });
});
