import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run the debug build's messages, so a failure explains itself.
  define: { __SHOPTEL_DEBUG__: 'true', __SHOPTEL_NPM__: 'true' },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'http://127.0.0.1/' } },
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
