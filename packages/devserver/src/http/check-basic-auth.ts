import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/**
 * OpenObserve's answers: no credentials → 401 JSON `{"code":401,"message":"Unauthorized
 * Access"}`; wrong ones → 401 plain text with `WWW-Authenticate`; Bearer (OSS) → 401 "Not
 * Supported". `challenge` makes browsers prompt (used for the HTML page).
 */
export function checkBasicAuth(
  request: IncomingMessage,
  user: string,
  password: string,
  challenge = false,
): void {
  const header = request.headers.authorization;
  const wwwAuthenticate = challenge ? 'Basic realm="shoptel-devserver"' : 'Bearer realm="openobserve"';
  if (!header) {
    throw new HttpError(
      401,
      'Unauthorized Access',
      challenge ? { headers: { 'www-authenticate': wwwAuthenticate } } : {},
    );
  }
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') {
    throw new HttpError(401, 'Not Supported', {
      plain: true,
      headers: { 'www-authenticate': wwwAuthenticate },
    });
  }
  const decoded = scheme?.toLowerCase() === 'basic' ? Buffer.from(value, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const ok =
    colon !== -1 && safeEqual(decoded.slice(0, colon), user) && safeEqual(decoded.slice(colon + 1), password);
  if (!ok)
    throw new HttpError(401, 'Unauthorized Access', {
      plain: true,
      headers: { 'www-authenticate': wwwAuthenticate },
    });
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.byteLength === right.byteLength && timingSafeEqual(left, right);
}
