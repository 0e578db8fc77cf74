import { describe, expect, it } from 'vitest';
import { resolveTarget } from './direct-options.js';
import { toDirectRecord } from './to-direct-record.js';

describe('resolveTarget', () => {
  it('builds the _json URL and the Basic header from user (default: the org) and token', () => {
    expect(resolveTarget({ url: 'https://o2.example/', org: 'shop', token: 'o2oi_abc' })).toEqual({
      endpoint: 'https://o2.example/api/shop/user_behavior/_json',
      authorization: `Basic ${btoa('shop:o2oi_abc')}`,
      service: 'storefront',
    });
    expect(
      resolveTarget({
        url: 'http://127.0.0.1:5080',
        stream: 'web',
        user: 'a@b.c',
        token: 'p',
        service: 'web',
      }),
    ).toEqual({
      endpoint: 'http://127.0.0.1:5080/api/default/web/_json',
      authorization: `Basic ${btoa('a@b.c:p')}`,
      service: 'web',
    });
  });

  it('names the bad field and never echoes the token', () => {
    const message = (target: unknown) => {
      try {
        resolveTarget(target as never);
        return 'ok';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message(undefined)).toBe('shoptel: openobserve is invalid');
    expect(message({ url: '/relative', token: 't' })).toBe('shoptel: openobserve.url is invalid');
    expect(message({ url: 'https://o2', org: '../x', token: 't' })).toMatch(/openobserve\.org/);
    expect(message({ url: 'https://o2', stream: 'a/b', token: 't' })).toMatch(/openobserve\.stream/);
    expect(message({ url: 'https://o2', user: 'a:b', token: 't' })).toMatch(/openobserve\.user/);
    expect(message({ url: 'https://o2', token: '' })).toMatch(/openobserve\.token/);
    expect(message({ url: 'https://o2', token: 'sécret' })).not.toContain('sécret');
  });
});

describe('toDirectRecord', () => {
  const NOW = Date.UTC(2026, 0, 1, 12);
  const line = (eventTime: string) => JSON.stringify({ event_type: 'PAGE_VIEW', event_time: eventTime });
  const read = (eventTime: string) => JSON.parse(toDirectRecord(line(eventTime), NOW, 'shop', 'UA/1'));

  it('adds _timestamp from event_time, service and the raw user agent, keeping the record', () => {
    const time = new Date(NOW - 1000).toISOString();
    expect(read(time)).toEqual({
      _timestamp: (NOW - 1000) * 1000,
      service: 'shop',
      user_agent: 'UA/1',
      event_type: 'PAGE_VIEW',
      event_time: time,
    });
  });

  it('moves _timestamp into the window OpenObserve accepts; event_time keeps the true time', () => {
    const old = new Date(NOW - 24 * 3600_000).toISOString();
    expect(read(old)._timestamp).toBe((NOW - 5 * 3600_000 + 5 * 60_000) * 1000);
    expect(read(old).event_time).toBe(old);
    expect(read(new Date(NOW + 3600_000).toISOString())._timestamp).toBe(NOW * 1000);
    expect(read('not a time')._timestamp).toBe(NOW * 1000);
  });

  it('writes half an emoji as U+FFFD: OpenObserve refuses the batch for the escaped half', () => {
    // A product name cut inside an emoji by the shop, and a 512-character title cut likewise.
    const queued = JSON.stringify({
      product_name: 'Mug \ud83d',
      title: `${'t'.repeat(511)}🛒`.slice(0, 512),
      n: null,
    });
    expect(queued).toContain('\\ud83d');
    const sent = toDirectRecord(queued, NOW, 'shop', 'UA/1');
    expect(sent).not.toMatch(/\\ud[89a-f]/i);
    expect(JSON.parse(sent)).toMatchObject({
      product_name: 'Mug \ufffd',
      title: `${'t'.repeat(511)}\ufffd`,
      n: null,
    });
  });
});
