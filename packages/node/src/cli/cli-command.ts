import type { Env, Transport } from '@shoptel/core';

/** Where a command reads its settings and writes its output; injected so tests need no process. */
export interface CliIo {
  /** `OPENOBSERVE_*` variables, as `configFromEnv` reads them. */
  env: Env;
  stdout(text: string): void;
  stderr(text: string): void;
  /** @default Date.now */
  now?: () => number;
  /** How searches are sent. @default core's search transport */
  transport?: Transport;
}

/**
 * One `shoptel <name>` command. Commands live one per file in `commands/` and are listed in
 * `cli-commands.ts`; the dispatcher knows nothing else about them.
 */
export interface CliCommand {
  name: string;
  /** One line for `shoptel --help`. */
  summary: string;
  /** Usage and options for `shoptel <name> --help`. */
  usage: string;
  /** Resolves to the exit code: 0 done, 1 failed, 2 bad usage. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Bad arguments: the dispatcher prints the message and the command's usage, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
