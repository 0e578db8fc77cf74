import { defineConfig } from 'tsup';

export default defineConfig({
  // The ingest worker is its own entry: worker threads load it by path next to the bundle.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'ingest-worker': 'src/ingest/ingest-worker.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'node20',
  sourcemap: true,
  // The HTML page, read at run time from beside the bundle (see render-home-page.ts).
  publicDir: 'src/page/public',
});
