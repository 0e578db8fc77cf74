import { LogLevel } from '../logger/log-level.js';

/**
 * A pino level number as shoptel's level text, by pino's thresholds, so custom levels land too:
 * trace/debug (< 30) → DEBUG, info → INFO, warn → WARN, error/fatal (≥ 50) → ERROR. The number
 * itself is kept as `pino_level` (fatal stays distinguishable).
 */
export function pinoLevelToLogLevel(level: number): LogLevel {
  if (level >= 50) return LogLevel.ERROR;
  if (level >= 40) return LogLevel.WARN;
  if (level >= 30) return LogLevel.INFO;
  return LogLevel.DEBUG;
}
