import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Two shared cores: end-to-end tests start a devserver and wait for real I/O.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
