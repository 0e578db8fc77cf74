const TIME_WINDOW = /^(\d+)([smhd])$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** True for `'30s'`, `'5m'`, `'4h'`, `'1d'`. */
export function isTimeWindow(value: unknown): value is string {
  return typeof value === 'string' && TIME_WINDOW.test(value);
}

/** Milliseconds of a `^\d+[smhd]$` window; throws a TypeError naming `field` otherwise. */
export function parseTimeWindow(value: string, field = 'timeWindow'): number {
  const match = TIME_WINDOW.exec(value);
  if (!match) throw new TypeError(`${field}: '${String(value)}' must match ^\\d+[smhd]$ (e.g. '5m')`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
