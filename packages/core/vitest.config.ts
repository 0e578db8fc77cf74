import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // The memory test reads heap usage after a forced GC.
    execArgv: ['--expose-gc'],
  },
});
