#!/usr/bin/env node
// `shoptel <command>`: a minimal dispatcher, one file per command in this folder.
import type { CliCommand, CliIo } from './cli-io.js';
import { streamsCommand } from './streams-command.js';

const COMMANDS: Readonly<Record<string, CliCommand>> = {
  streams: streamsCommand,
};

const io: CliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : COMMANDS[name];
if (command === undefined) {
  io.err(`usage: shoptel <command>\ncommands: ${Object.keys(COMMANDS).join(', ')}`);
  process.exitCode = 2;
} else {
  command(args, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(`shoptel ${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
