import { defineConfig } from 'tsup';

export default defineConfig({
  // `cli` is the `shoptel` command (bin: dist/cli.js).
  entry: {
    index: 'src/index.ts',
    pino: 'src/pino/index.ts',
    winston: 'src/winston/index.ts',
    cli: 'src/cli/bin.ts',
    alerts: 'src/alerts/index.ts',
  },
  format: ['esm', 'cjs'],
  tsconfig: 'tsconfig.build.json',
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
});
