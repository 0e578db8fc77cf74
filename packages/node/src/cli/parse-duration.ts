import { CliUsageError } from './cli-command.js';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `30m`, `24h`, `7d`, `2w` → milliseconds; anything else is a usage error naming the option. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d{1,6})([smhdw])$/.exec(text);
  if (match === null) {
    throw new CliUsageError(`${option} expects a duration like 30m, 24h, 7d or 2w; got '${text}'`);
  }
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms === 0) throw new CliUsageError(`${option} must be longer than 0`);
  return ms;
}
