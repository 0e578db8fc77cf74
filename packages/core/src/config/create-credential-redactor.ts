import type { TransportResponse } from '../transport/transport.js';
import { authorizationHeader } from './authorization-header.js';
import type { ShoptelConfig } from './config-types.js';

const REDACTED = '[REDACTED]';
/** Shorter passwords would hide ordinary words of a message; the header's token still goes. */
const MIN_SECRET_LENGTH = 4;

/**
 * Hides this client's own credentials (the `Authorization` token, the password, `user:password`)
 * in text a server sent back: a proxy or gateway in front of OpenObserve may echo the request's
 * headers in its error page, and that text goes into onError reports and error messages, which
 * end up in logs. Also their JSON-escaped forms, as they appear in a JSON body. `undefined` when
 * there is nothing to hide.
 */
export function createCredentialRedactor(
  auth: ShoptelConfig['auth'],
): ((response: TransportResponse) => TransportResponse) | undefined {
  const secrets = new Set<string>();
  const add = (value: unknown) => {
    if (value === undefined || value === null) return;
    const text = String(value);
    if (text.length < MIN_SECRET_LENGTH) return;
    secrets.add(text);
    secrets.add(JSON.stringify(text).slice(1, -1));
  };
  const header = authorizationHeader(auth);
  if (header !== undefined) add(header.slice(header.indexOf(' ') + 1));
  add(auth.token);
  add(auth.password);
  if (auth.username !== undefined && auth.password !== undefined) add(`${auth.username}:${auth.password}`);
  if (secrets.size === 0) return undefined;
  // Longest first, so `user:password` goes whole before the password inside it.
  const list = [...secrets].sort((a, b) => b.length - a.length);
  const redact = (text: string) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  return (response) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) headers[name] = redact(value);
    return { ...response, headers, body: redact(response.body) };
  };
}
