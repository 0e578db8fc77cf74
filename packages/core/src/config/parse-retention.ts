const DURATION = /^(\d+)\s*([dwmy]?)$/i;
const DAYS_PER_UNIT: Record<string, number> = { '': 1, d: 1, w: 7, m: 30, y: 365 };

/**
 * Reads a retention as whole days: a number, or the seed's strings (`'30d'`, `'52w'`, `'1y'`).
 * Returns `undefined` when the value is not such a duration.
 */
export function parseRetentionDays(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const days = Number(match[1]) * (DAYS_PER_UNIT[match[2]!.toLowerCase()] ?? 1);
  return days > 0 ? days : undefined;
}
