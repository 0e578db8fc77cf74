// @vitest-environment node
// What a shop outside the monorepo can reach through the package's `exports` (Node's and every
// bundler's resolution), by the package's own name: the npm entries and their types, and the
// script tags the README tells it to serve (`unpkg`/`jsdelivr` name the base one).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resolve = createRequire(join(root, 'package.json')).resolve;

describe('package exports', () => {
  it('reach the script tags, for a shop that serves or copies them from node_modules', () => {
    for (const tag of ['shoptel.global.js', 'shoptel.direct.global.js', 'shoptel.tracing.global.js'])
      expect(resolve(`@shoptel/browser/dist/${tag}`)).toBe(join(root, 'dist', tag));
  });

  it('reach the npm entries', () => {
    expect(resolve('@shoptel/browser/package.json')).toBe(join(root, 'package.json'));
    for (const [entry, file] of [
      ['', 'index.js'],
      ['/direct', 'direct.js'],
      ['/tracing', 'tracing.js'],
    ])
      expect(resolve(`@shoptel/browser${entry}`)).toBe(join(root, 'dist', file!));
  });
});
