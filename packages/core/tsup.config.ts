import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'node/index': 'src/node/index.ts',
    'retry/index': 'src/retry/index.ts',
    'uuid/index': 'src/uuid/index.ts',
    'utf8/index': 'src/utf8/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/sink/index': 'src/testing/sink/index.ts',
  },
  format: ['esm', 'cjs'],
  // The declaration build covers the Node entries too; tsconfig.json alone checks that the
  // platform-free part uses no DOM or Node API.
  tsconfig: 'tsconfig.build.json',
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
});
