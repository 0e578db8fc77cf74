import { defineConfig } from 'tsup';

export default defineConfig({
  // `cli` is the `shoptel` executable (package.json `bin`).
  entry: { index: 'src/index.ts', cli: 'src/cli/bin.ts' },
  format: ['esm', 'cjs'],
  tsconfig: 'tsconfig.build.json',
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
});
