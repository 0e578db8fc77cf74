import { base64EncodeUtf8 } from '../encoding/base64.js';
import type { ShoptelConfig } from './config-types.js';

/**
 * The `Authorization` header value for a resolved config, or `undefined` when no credentials are
 * configured (a relay or a proxy in front of OpenObserve may add them).
 */
export function authorizationHeader(auth: ShoptelConfig['auth']): string | undefined {
  if (auth.type === 'bearer') return auth.token ? `Bearer ${auth.token}` : undefined;
  if (auth.username !== undefined && auth.password !== undefined) {
    return `Basic ${base64EncodeUtf8(`${auth.username}:${auth.password}`)}`;
  }
  return auth.token ? `Basic ${auth.token}` : undefined;
}
