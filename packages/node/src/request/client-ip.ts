import type { AnyRequest } from './request-headers.js';
import { headerOf } from './request-headers.js';

const MAPPED_V4 = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i;
const MAX_IP_LENGTH = 64;

/**
 * The client's IP. `trustedProxies` 0 (the default): the socket's peer address, whatever
 * `X-Forwarded-For` says (anyone can send that header). `Infinity`: the first address of the
 * header. `n`: the `n`-th address from the right, i.e. the one the outermost of your `n` proxies
 * saw. `undefined` when the request has no socket (a Fetch `Request`) and no trusted header.
 */
export function clientIp(request: AnyRequest | undefined, trustedProxies: number): string | undefined {
  if (request === undefined || request === null) return undefined;
  if (trustedProxies > 0) {
    const forwarded = headerOf(request, 'x-forwarded-for');
    if (forwarded !== undefined) {
      const hops = forwarded
        .split(',')
        .map((hop) => hop.trim())
        .filter((hop) => hop !== '');
      const pick =
        trustedProxies === Number.POSITIVE_INFINITY
          ? hops[0]
          : hops[Math.max(0, hops.length - trustedProxies)];
      if (pick !== undefined) return normalizeIp(pick);
    }
  }
  const socket = (request as { socket?: { remoteAddress?: unknown } }).socket;
  const address = socket?.remoteAddress;
  return typeof address === 'string' ? normalizeIp(address) : undefined;
}

function normalizeIp(ip: string): string {
  const cut = ip.length > MAX_IP_LENGTH ? ip.slice(0, MAX_IP_LENGTH) : ip;
  return MAPPED_V4.exec(cut)?.[1] ?? cut;
}
