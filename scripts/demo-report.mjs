// The demo's last step: `shoptel report --since 24h` against the demo's devserver, printed as
// tables. scripts/demo.mjs calls it after shipping its events:
//
//   const { demoReport } = await import('./demo-report.mjs');
//   await demoReport(server.url, auth);
//
// Run alone against a running devserver: node scripts/demo-report.mjs http://127.0.0.1:5080
import { pathToFileURL } from 'node:url';

/**
 * Runs the report through the same dispatcher as the `shoptel` executable.
 * @param {string} url the devserver (or OpenObserve) base URL
 * @param {{ username: string, password: string }} auth Basic credentials
 * @param {string[]} [args] report options
 * @returns {Promise<number>} the exit code (0 when the report printed)
 */
export async function demoReport(url, auth, args = ['--since', '24h']) {
  const { runCli } = await import('../packages/node/dist/index.js');
  console.log('\n$ shoptel report', args.join(' '));
  return runCli(['report', ...args], {
    env: { OPENOBSERVE_URL: url, OPENOBSERVE_USERNAME: auth.username, OPENOBSERVE_PASSWORD: auth.password },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'http://127.0.0.1:5080';
  process.exitCode = await demoReport(url, { username: 'root@example.com', password: 'Complexpass#123' });
}
