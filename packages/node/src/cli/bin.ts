#!/usr/bin/env node
// The `shoptel` executable: process wiring only; everything else is in run-cli.ts.
import { runCli } from './run-cli.js';

void runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
