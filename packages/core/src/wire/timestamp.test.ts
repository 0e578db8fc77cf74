import { afterEach, describe, expect, it } from 'vitest';
import { numberToMicroseconds, parseTimestampString, readTimestampString } from './timestamp.js';

const us = 1_732_550_400_000_000; // 2024-11-25T16:00:00Z

describe('readTimestampString accepts ISO 8601 / RFC 3339 and numbers', () => {
  it.each([
    ['2024-11-25T16:00:00Z', us],
    ['2024-11-25t16:00:00z', us],
    ['2024-11-25 16:00:00', us], // no zone: UTC, as OpenObserve reads it
    ['2024-11-25T16:00:00', us],
    ['2024-11-25T16:00:00.123456', us + 123_456],
    ['2024-11-25T16:00:00.1', us + 100_000],
    ['2024-11-25T16:00:00.123456789Z', us + 123_456], // nanoseconds: µs kept, the rest dropped
    ['2024-11-25T17:00:00+01:00', us],
    ['2024-11-25T17:00:00+0100', us],
    ['2024-11-25 21:30:00+05:30', us],
    ['2024-11-25T12:30:00-03:30', us],
    ['2024-11-25T16:00:00-00:00', us],
    ['  2024-11-25T16:00:00Z ', us],
    ['1732550400', us],
    ['1732550400000', us],
    ['1732550400000000', us],
    ['1732550400000000000', us],
    ['1732550400.25', us + 250_000], // the fraction is kept
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29) * 1000], // a leap day
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29) * 1000], // divisible by 400: leap
    ['0001-01-01T00:00:00Z', -62_135_596_800_000_000], // not read as 1901 as Date.UTC would
  ])('%s', (text, expected) => expect(readTimestampString(text)).toEqual({ ok: true, us: expected }));
});

describe('readTimestampString refuses anything else with a reason', () => {
  it.each([
    ['12/31/2024', /not a time/],
    ['31.12.2024 10:00', /not a time/],
    ['Tue, 31 Dec 2024 10:00:00', /not a time/], // RFC 2822 without a zone: whose local time?
    ['Tue, 31 Dec 2024 10:00:00 GMT', /not a time/],
    ['Tue, 31 Dec 2024 10:00:00 +0100', /not a time/],
    ['2024-12-31', /not a time/], // a date without a time
    ['2024-12-31T10:00Z', /not a time/], // no seconds
    ['2024-12-31T10:00:00 Z', /not a time/],
    ['2024-12-31T10:00:00.Z', /not a time/],
    ['2024-12-31T10:00:00.1234567890Z', /not a time/],
    ['yesterday', /not a time/],
    ['', /empty/],
    ['   ', /empty/],
    ['2024-02-30T00:00:00Z', /day 30 does not exist in month 2 of 2024 \(it has 29 days\)/],
    ['2023-02-29T00:00:00Z', /day 29 does not exist in month 2 of 2023/],
    ['1900-02-29T00:00:00Z', /day 29 does not exist/], // divisible by 100, not by 400
    ['2024-04-31T00:00:00Z', /day 31 does not exist in month 4/],
    ['2024-13-01T00:00:00Z', /month 13 does not exist/],
    ['2024-00-10T00:00:00Z', /month 0 does not exist/],
    ['2024-12-00T00:00:00Z', /day 0 does not exist/],
    ['2024-12-31T24:00:00Z', /hour 24 is out of range/],
    ['2024-12-31T23:60:00Z', /minute 60 is out of range/],
    ['2024-12-31T23:59:60Z', /second 60 is out of range/],
    ['2024-12-31T10:00:00+24:00', /zone offset \+24:00 is out of range/],
    ['2024-12-31T10:00:00+01:60', /zone offset/],
  ])('%s', (text, reason) => {
    const reading = readTimestampString(text);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.reason).toMatch(reason);
    expect(parseTimestampString(text)).toBeUndefined();
  });

  it('never echoes the refused text, which may be user data', () => {
    const reading = readTimestampString('card 4111111111111111');
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.reason).not.toContain('4111');
  });
});

describe('timestamps do not depend on the host time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  // Asia/Kolkata is UTC+5:30 with no DST; America/St_Johns is UTC-3:30, -2:30 in summer.
  it.each(['Asia/Kolkata', 'America/St_Johns', 'UTC'])('reads the same µs under TZ=%s', (zone) => {
    process.env.TZ = zone;
    if (zone !== 'UTC') expect(new Date(us / 1000).getTimezoneOffset()).not.toBe(0); // the zone took effect
    expect(parseTimestampString('2024-11-25 16:00:00')).toBe(us);
    expect(parseTimestampString('2024-11-25T16:00:00.5')).toBe(us + 500_000);
    expect(parseTimestampString('2024-07-01T12:00:00')).toBe(Date.UTC(2024, 6, 1, 12) * 1000);
    expect(parseTimestampString('2024-11-25T21:30:00+05:30')).toBe(us);
    expect(parseTimestampString('12/31/2024')).toBeUndefined();
    expect(parseTimestampString('Tue, 31 Dec 2024 10:00:00')).toBeUndefined();
    expect(parseTimestampString('2024-02-30 00:00:00')).toBeUndefined();
  });
});

describe('numberToMicroseconds', () => {
  it.each([
    [1_732_550_400, us],
    [1_732_550_400.5, us + 500_000],
    [1_732_550_400_000, us],
    [1_732_550_400_000.25, us + 250],
    [us, us],
    [us * 1000, us],
  ])('reads %d by its size, keeping the fraction', (value, expected) =>
    expect(numberToMicroseconds(value)).toBe(expected),
  );
});
