import type { CliCommand } from './cli-command.js';
import { reportCommand } from './commands/report-command.js';
import { streamsCommand } from './commands/streams-command.js';

/** Every `shoptel` command. A new command is one file in `commands/` and one line here. */
export const CLI_COMMANDS: readonly CliCommand[] = [reportCommand, streamsCommand];
