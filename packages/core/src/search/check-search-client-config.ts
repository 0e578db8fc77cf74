import { type ConfigProblem, ShoptelConfigError } from '../config/config-error.js';
import type { SearchClientConfig } from './search-types.js';

/**
 * `createSearchClient` takes a resolved config (`resolveConfig`/`configFromEnv`). Given raw options
 * instead (from JavaScript, or a cast), a missing organization would search `/api/undefined/…`
 * and be told of a missing stream: throw at creation naming each field instead. No value is
 * echoed, since a URL or the auth object may hold credentials.
 */
export function checkSearchClientConfig(config: SearchClientConfig): void {
  const given = (config ?? {}) as Partial<Record<keyof SearchClientConfig, unknown>>;
  const problems: ConfigProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (typeof given.url !== 'string' || !/^https?:\/\/[^/?#\s]/i.test(given.url))
    fail('url', 'must be an http(s) URL such as http://localhost:5080');
  // Any other text is sent percent-encoded.
  if (typeof given.organization !== 'string' || given.organization === '')
    fail('organization', 'must be a non-empty organization id, such as default');
  if (typeof given.auth !== 'object' || given.auth === null)
    fail('auth', "must be an object such as { type: 'basic', username, password }");
  const timeout = given.timeoutMs;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1)
    fail('timeoutMs', 'must be a whole number of milliseconds, at least 1');
  if (problems.length === 0) return;
  const error = new ShoptelConfigError(problems);
  error.message +=
    '\n(createSearchClient takes a resolved config: pass resolveConfig(options) or configFromEnv(process.env))';
  throw error;
}
