import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', alerts: 'src/alerts/index.ts' },
  format: ['esm', 'cjs'],
  tsconfig: 'tsconfig.build.json',
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
});
