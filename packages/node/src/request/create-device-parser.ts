import UAParser from 'ua-parser-js';

/** Device fields of `user_behavior`, parsed from a User-Agent. */
export interface DeviceInfo {
  readonly browser?: string;
  readonly browser_version?: string;
  readonly os?: string;
  readonly os_version?: string;
  /** `mobile`, `tablet`, `console`, `smarttv`, `wearable`, `embedded`, or `desktop`. */
  readonly device_type: string;
}

/** Distinct User-Agents remembered; a storefront sees few, so hits are the rule. */
export const DEFAULT_UA_CACHE_SIZE = 512;
/** Longer User-Agents are cut before parsing and caching (real ones are far shorter). */
const MAX_UA_LENGTH = 512;

/**
 * Parses User-Agents with ua-parser-js 1.0 (MIT; 2.x is AGPL) behind a bounded cache: parsing costs
 * tens of µs, a hit one Map lookup. When full, the oldest entry makes room.
 */
export function createDeviceParser(
  maxEntries = DEFAULT_UA_CACHE_SIZE,
): (userAgent: string | undefined) => DeviceInfo | undefined {
  const cache = new Map<string, DeviceInfo>();
  return (userAgent) => {
    if (typeof userAgent !== 'string' || userAgent === '') return undefined;
    const key = userAgent.length > MAX_UA_LENGTH ? userAgent.slice(0, MAX_UA_LENGTH) : userAgent;
    let info = cache.get(key);
    if (info === undefined) {
      info = parse(key);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(key, info);
    }
    return info;
  };
}

function parse(userAgent: string): DeviceInfo {
  const result = new UAParser(userAgent).getResult();
  const info: { -readonly [K in keyof DeviceInfo]: DeviceInfo[K] } = {
    device_type: result.device.type ?? 'desktop',
  };
  if (result.browser.name) info.browser = result.browser.name;
  if (result.browser.version) info.browser_version = result.browser.version;
  if (result.os.name) info.os = result.os.name;
  if (result.os.version) info.os_version = result.os.version;
  return Object.freeze(info);
}
