import { afterEach, describe, expect, it } from 'vitest';
import { parseHttpDate } from './parse-http-date.js';

const now = Date.UTC(2026, 0, 15, 12); // 2026-01-15T12:00:00Z
const nov6 = Date.UTC(1994, 10, 6, 8, 49, 37); // RFC 9110's example instant

describe('parseHttpDate', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', nov6], // IMF-fixdate
    ['Sunday, 06-Nov-94 08:49:37 GMT', nov6], // RFC 850 (obsolete)
    ['Sun Nov  6 08:49:37 1994', nov6], // asctime (obsolete)
    ['Sun Nov 16 08:49:37 1994', Date.UTC(1994, 10, 16, 8, 49, 37)],
    ['sun, 06 nov 1994 08:49:37 gmt', nov6],
    [' Thu, 15 Jan 2026 12:00:30 GMT ', now + 30_000],
    ['Thu, 29 Feb 2024 00:00:00 GMT', Date.UTC(2024, 1, 29)],
    ['Wed, 31 Dec 2025 23:59:60 GMT', Date.UTC(2026, 0, 1)], // a leap second: the next minute's start
  ])('%s', (text, expected) => expect(parseHttpDate(text, now)).toBe(expected));

  it('reads a two-digit RFC 850 year as at most 50 years ahead', () => {
    expect(parseHttpDate('Thursday, 15-Jan-26 12:00:00 GMT', now)).toBe(now);
    expect(parseHttpDate('Friday, 01-Jan-76 00:00:00 GMT', now)).toBe(Date.UTC(2076, 0, 1));
    expect(parseHttpDate('Saturday, 01-Jan-77 00:00:00 GMT', now)).toBe(Date.UTC(1977, 0, 1));
    const lateInCentury = Date.UTC(2099, 0, 1);
    expect(parseHttpDate('Monday, 01-Jan-01 00:00:00 GMT', lateInCentury)).toBe(Date.UTC(2101, 0, 1));
  });

  it.each([
    'Sun, 06 Nov 1994 08:49:37', // no zone: refused, never read in local time
    'Sun, 06 Nov 1994 08:49:37 +0100', // IMF-fixdate is GMT only
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 6 Nov 1994 08:49:37 GMT', // one-digit day
    'Fri, 30 Feb 2024 00:00:00 GMT', // not rolled into March
    'Tue, 29 Feb 2022 00:00:00 GMT',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:60:00 GMT',
    'Sun, 06 Nov 1994 08:49:61 GMT',
    'Sun, 06 Foo 1994 08:49:37 GMT',
    'Xyz, 06 Nov 1994 08:49:37 GMT',
    '1994-11-06T08:49:37Z', // not an HTTP-date (Retry-After takes seconds or an HTTP-date)
    '12/31/2024',
    '120',
    '',
  ])('refuses %j', (text) => expect(parseHttpDate(text, now)).toBeUndefined());

  describe('whatever the host time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    it.each(['Asia/Kolkata', 'America/St_Johns'])('TZ=%s', (zone) => {
      process.env.TZ = zone;
      expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(nov6);
      expect(parseHttpDate('Sun Nov  6 08:49:37 1994', now)).toBe(nov6);
      expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37', now)).toBeUndefined();
    });
  });
});
