// The one test command (README, `.ci/run`): build, typecheck, lint, package hygiene and size
// budgets, install Chromium when it is missing, then every package's tests.
// Prints a closing "N passed, N failed" line summed over all packages.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';
import { runTurbo } from './turbo.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, cwd = root) => execFileSync(command, args, { cwd, stdio: 'inherit' });

runTurbo(['run', 'build', '--output-logs=errors-only']);
runTurbo(['run', 'typecheck', '--output-logs=errors-only']);
run(bin('biome'), ['check', '.']);
checkPackageHygiene();
checkSizeBudgets();
// Browser tests run in Debian's Chromium; they fail, never skip, without it.
ensureChromium();

let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];
for (const group of ['packages', 'examples']) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  for (const name of readdirSync(groupDir).sort()) {
    const dir = join(groupDir, name);
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue;
    const report = join(dir, '.vitest-report.json');
    rmSync(report, { force: true });
    console.log(`\n=== ${group}/${name} ===`);
    const result = spawnSync(
      bin('vitest'),
      ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`],
      {
        cwd: dir,
        stdio: 'inherit',
      },
    );
    if (!existsSync(report)) {
      broken.push(`${group}/${name} (exit ${result.status}, no report)`);
      continue;
    }
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    rmSync(report, { force: true });
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    skipped += summary.numPendingTests + summary.numTodoTests;
    if (result.status !== 0 && summary.numFailedTests === 0)
      broken.push(`${group}/${name} (exit ${result.status})`);
  }
}
for (const line of broken) console.error(`test run broken: ${line}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || broken.length > 0 || passed === 0 ? 1 : 0);

/** Packages with a `size` script (size-limit budgets, e.g. the browser bundle) must stay within them. */
function checkSizeBudgets() {
  for (const group of ['packages', 'examples']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const manifest = join(groupDir, name, 'package.json');
      if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.size) continue;
      run('npm', ['run', '--silent', 'size'], join(groupDir, name));
    }
  }
}

/**
 * Every publishable package must pack cleanly (publint) and resolve its types under Node's ESM and
 * CJS rules (are-the-types-wrong), as users will install it.
 */
function checkPackageHygiene() {
  const packagesDir = join(root, 'packages');
  for (const name of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    run(bin('publint'), ['run', '--pack', 'npm', '--strict'], dir);
    const esmOnly = manifest.exports && !JSON.stringify(manifest.exports).includes('"require"');
    run(
      bin('attw'),
      ['--pack', '.', '--profile', esmOnly ? 'esm-only' : 'node16', '--format', 'table-flipped'],
      dir,
    );
  }
}
