import { OpenObserveQueryError, ShoptelConfigError } from '@shoptel/core';
import { AnalyticsValidationError } from '../analytics/analytics-validation-error.js';
import { type CliCommand, type CliIo, CliUsageError } from './cli-command.js';
import { CLI_COMMANDS } from './cli-commands.js';

/**
 * `shoptel <command> [options]`: finds the command and runs it. Resolves to the exit code (0 done,
 * 1 failed, 2 bad usage) and never rejects: every failure is printed to `io.stderr` as one message
 * a person can act on (a config error names the variable; a query error carries OpenObserve's
 * code and trace id; credentials are never printed).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[] = CLI_COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`shoptel: unknown command '${name}'\n\n${overview(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`shoptel ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof ShoptelConfigError || error instanceof AnalyticsValidationError) {
      io.stderr(`shoptel ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof OpenObserveQueryError) {
      io.stderr(`shoptel ${name}: ${error.message}\n`);
      return 1;
    }
    io.stderr(
      `shoptel ${name}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `usage: shoptel <command> [options]   (shoptel <command> --help for its options)\n\n${lines.join('\n')}\n`;
}
