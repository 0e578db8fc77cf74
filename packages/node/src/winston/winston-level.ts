import { LogLevel } from '../logger/log-level.js';

// winston's npm and syslog levels, and the seed's uppercase ones, by what they mean.
const LEVELS: Readonly<Record<string, LogLevel>> = {
  emerg: LogLevel.ERROR,
  alert: LogLevel.ERROR,
  crit: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  error: LogLevel.ERROR,
  warning: LogLevel.WARN,
  warn: LogLevel.WARN,
  notice: LogLevel.INFO,
  info: LogLevel.INFO,
  http: LogLevel.INFO,
  verbose: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  silly: LogLevel.DEBUG,
  trace: LogLevel.DEBUG,
};

/** A winston level name (any case) as shoptel's level text; `undefined` for a custom level. */
export function winstonLevelToLogLevel(level: string): LogLevel | undefined {
  return LEVELS[level.toLowerCase()];
}
