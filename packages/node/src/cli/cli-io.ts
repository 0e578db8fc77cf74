import type { Env } from '@shoptel/core';

/** What a command reads and writes, so tests can run it in process. */
export interface CliIo {
  env: Env;
  out(line: string): void;
  err(line: string): void;
}

/** One `shoptel <command>`: its arguments after the command name → the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
