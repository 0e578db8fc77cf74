import { defineConfig, type Options } from 'tsup';

// `__SHOPTEL_DEBUG__` keeps the human-readable messages out of the production bundles (as
// Sentry's `__DEBUG_BUILD__` does); the debug IIFE has them.
// `platform: 'browser'` picks the browser builds of dependencies (OpenTelemetry's node builds
// read `process.env` and `util`, which a page does not have).
const shared: Options = { target: 'es2020', sourcemap: true, treeshake: true, platform: 'browser' };

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', direct: 'src/direct/index.ts', tracing: 'src/tracing/index.ts' },
    format: ['esm'],
    dts: true,
    clean: true,
    define: { __SHOPTEL_DEBUG__: 'false' },
  },
  {
    ...shared,
    entry: { 'shoptel.global': 'src/global.ts' },
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    minify: true,
    noExternal: [/.*/],
    define: { __SHOPTEL_DEBUG__: 'false' },
  },
  {
    ...shared,
    entry: { 'shoptel.debug.global': 'src/global.ts' },
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    minify: true,
    noExternal: [/.*/],
    define: { __SHOPTEL_DEBUG__: 'true' },
  },
  {
    // Direct-to-OpenObserve is its own script tag: the base tag stays the relay's.
    ...shared,
    entry: { 'shoptel.direct.global': 'src/direct-global.ts' },
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    minify: true,
    noExternal: [/.*/],
    define: { __SHOPTEL_DEBUG__: 'false' },
  },
  {
    // Tracing is its own script tag: OpenTelemetry's web SDK is not in the base bundle's budget.
    ...shared,
    entry: { 'shoptel.tracing.global': 'src/tracing-global.ts' },
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    minify: true,
    noExternal: [/.*/],
    define: { __SHOPTEL_DEBUG__: 'false' },
  },
]);
