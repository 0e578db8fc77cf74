import { describe, expect, it } from 'vitest';
import { AnalyticsValidationError } from './analytics-validation-error.js';
import { anomalySeverity } from './anomaly-severity.js';
import { previousTimeRange, resolveTimeRange } from './resolve-time-range.js';

describe('resolveTimeRange', () => {
  it('reads Dates, ISO strings with a zone and epoch ms as the same instant', () => {
    const start = new Date('2026-12-07T10:00:00Z');
    const end = new Date('2026-12-07T11:00:00Z');
    const expected = { start, end };
    expect(resolveTimeRange({ start, end })).toEqual(expected);
    expect(resolveTimeRange({ start: '2026-12-07T10:00:00Z', end: '2026-12-07T12:00:00+01:00' })).toEqual(
      expected,
    );
    expect(resolveTimeRange({ start: start.getTime(), end: end.getTime() })).toEqual(expected);
    expect(resolveTimeRange({ start: '2026-12-07', end: '2026-12-08' }).end).toEqual(
      new Date('2026-12-08T00:00:00Z'),
    );
  });

  it.each([
    [null, 'range'],
    [{ start: 'yesterday', end: 0 }, 'range.start'],
    [{ start: '2026-12-07T10:00:00', end: '2026-12-07T11:00:00Z' }, 'range.start'], // no zone: host-local
    [{ start: 0, end: 1.5 }, 'range.end'],
    [{ start: 0, end: Date.now() * 1000 }, 'range.end'], // µs, not ms
    [{ start: new Date(Number.NaN), end: 0 }, 'range.start'],
    [{ start: 10, end: 10 }, 'range'],
    [{ start: 20, end: 10 }, 'range'],
    [{ start: true, end: 10 }, 'range.start'],
  ])('refuses %j naming %s', (input, field) => {
    let error: unknown;
    try {
      resolveTimeRange(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AnalyticsValidationError);
    expect((error as AnalyticsValidationError).field).toBe(field);
  });

  it('gives the previous range of equal length, ending where this one starts', () => {
    const range = resolveTimeRange({ start: 10_000, end: 13_000 });
    expect(previousTimeRange(range)).toEqual({ start: new Date(7_000), end: new Date(10_000) });
  });
});

describe('anomalySeverity', () => {
  it("uses the seed's tiers", () => {
    expect([0.05, 0.0999, 0.1, 0.1999, 0.2, 0.4999, 0.5, 1].map(anomalySeverity)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });
});
