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
    define: { __SHOPTEL_DEBUG__: 'false', __SHOPTEL_NPM__: 'true' },
  },
  // One IIFE per script tag: the relay's (and its debug build), direct-to-OpenObserve, tracing —
  // OpenTelemetry's web SDK and the direct transport stay out of the base tag's budget.
  scriptTag('shoptel.global', 'src/global.ts'),
  scriptTag('shoptel.debug.global', 'src/global.ts', true),
  scriptTag('shoptel.direct.global', 'src/direct-global.ts'),
  scriptTag('shoptel.tracing.global', 'src/tracing-global.ts'),
]);

/** A self-contained minified IIFE for a `<script>` tag, dependencies bundled in. */
function scriptTag(name: string, source: string, debug = false): Options {
  return {
    ...shared,
    entry: { [name]: source },
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    // terser, not esbuild's minifier: ~0.5 KB less after gzip in a 10 KB budget (measured).
    // `unsafe_methods` writes `{ m: function () {} }` as `{ m() {} }`, which cannot be `new`ed:
    // nothing here is.
    minify: 'terser',
    terserOptions: {
      ecma: 2020,
      compress: { passes: 3, unsafe_methods: true },
      mangle: true,
      toplevel: true,
    },
    noExternal: [/.*/],
    define: { __SHOPTEL_DEBUG__: String(debug), __SHOPTEL_NPM__: 'false' },
  };
}
