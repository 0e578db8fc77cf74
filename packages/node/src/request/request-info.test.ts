import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip.js';
import { createDeviceParser } from './create-device-parser.js';
import { headerOf, pathOf } from './request-headers.js';

const socketRequest = (headers: Record<string, string>, remoteAddress = '::ffff:10.0.0.5') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('request info', () => {
  it('caches parsed User-Agents and keeps the cache bounded', () => {
    const parse = createDeviceParser(2);
    const first = parse('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0');
    expect(first).toMatchObject({ browser: 'Firefox', os: 'Windows', device_type: 'desktop' });
    expect(parse('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe(
      first,
    );
    parse('curl/8.0');
    parse('Wget/1.21');
    // The oldest entry made room: a new, equal object.
    const again = parse('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(parse(undefined)).toBeUndefined();
    expect(parse('')).toBeUndefined();
  });

  it('reads the IP from the socket unless proxies are trusted', () => {
    const req = socketRequest({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 3.3.3.3' });
    expect(clientIp(req, 0)).toBe('10.0.0.5');
    expect(clientIp(req, Number.POSITIVE_INFINITY)).toBe('1.1.1.1');
    expect(clientIp(req, 1)).toBe('3.3.3.3');
    expect(clientIp(req, 2)).toBe('2.2.2.2');
    expect(clientIp(req, 9)).toBe('1.1.1.1');
    expect(clientIp(socketRequest({}), 1)).toBe('10.0.0.5');
    expect(clientIp({} as IncomingMessage, 1)).toBeUndefined();
    expect(
      clientIp(new Request('http://x/', { headers: { 'x-forwarded-for': '4.4.4.4' } }), 0),
    ).toBeUndefined();
    expect(clientIp(new Request('http://x/', { headers: { 'x-forwarded-for': '4.4.4.4' } }), 1)).toBe(
      '4.4.4.4',
    );
  });

  it('reads headers and paths of both kinds of request', () => {
    const node = socketRequest({ 'user-agent': 'a' });
    (node as { url?: string }).url = '/p?q=1';
    expect(headerOf(node, 'user-agent')).toBe('a');
    expect(pathOf(node)).toBe('/p?q=1');
    const fetchRequest = new Request('https://shop.example/cart?x=1', { headers: { 'user-agent': 'b' } });
    expect(headerOf(fetchRequest, 'user-agent')).toBe('b');
    expect(pathOf(fetchRequest)).toBe('/cart?x=1');
    expect(headerOf(undefined, 'user-agent')).toBeUndefined();
    expect(pathOf({} as IncomingMessage)).toBeUndefined();
  });
});
