/** Business log levels, as the seed's `BusinessLogEntry.level`. */
export const LogLevel = {
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARN',
  ERROR: 'ERROR',
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** Order of the levels: a call below the configured minimum returns before building anything. */
export const LOG_LEVEL_RANK: Readonly<Record<LogLevel, number>> = {
  DEBUG: 10,
  INFO: 20,
  WARN: 30,
  ERROR: 40,
};

/** Is `value` one of the four levels (exactly, uppercase)? */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(LOG_LEVEL_RANK, value);
}

/**
 * The level `value` names, in any case (`'error'`, `'Warn'`: what most loggers take), or
 * `undefined`. An ERROR written in lower case must not be stored as INFO, out of every error count.
 */
export function toLogLevel(value: unknown): LogLevel | undefined {
  if (isLogLevel(value)) return value;
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return isLogLevel(upper) ? upper : undefined;
}
