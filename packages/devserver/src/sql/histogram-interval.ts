const HOUR_US = 3_600_000_000;
const MINUTE_US = 60_000_000;

// OpenObserve's table (`generate_histogram_interval`): the first row whose span the range reaches.
const INTERVALS: ReadonlyArray<readonly [number, string]> = [
  [24 * 60 * HOUR_US, '1 day'],
  [24 * 30 * HOUR_US, '12 hour'],
  [24 * 28 * HOUR_US, '6 hour'],
  [24 * 21 * HOUR_US, '3 hour'],
  [24 * 15 * HOUR_US, '2 hour'],
  [6 * HOUR_US, '1 hour'],
  [2 * HOUR_US, '1 minute'],
  [HOUR_US, '30 second'],
  [30 * MINUTE_US, '15 second'],
  [15 * MINUTE_US, '10 second'],
];

/** The interval OpenObserve picks for `histogram(_timestamp)` without an interval argument. */
export function histogramInterval(startUs: number, endUs: number): string {
  if (startUs === 0 && endUs === 0) return '1 hour';
  const span = endUs - startUs;
  for (const [minSpan, interval] of INTERVALS) if (span >= minSpan) return interval;
  return '10 second';
}
