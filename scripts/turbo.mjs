// Runs turbo with the pinned pnpm on PATH (scripts/bin/pnpm) and telemetry off (no network here).
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Environment in which turbo finds pnpm and does not phone home. */
export function turboEnv() {
  return {
    ...process.env,
    PATH: `${join(root, 'scripts', 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    TURBO_TELEMETRY_DISABLED: '1',
  };
}

/** Runs `turbo …args`; throws when it fails. */
export function runTurbo(args) {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'turbo'), args, {
    cwd: root,
    stdio: 'inherit',
    env: turboEnv(),
  });
  if (result.status !== 0) throw new Error(`turbo ${args.join(' ')} failed (exit ${result.status})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    runTurbo(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
