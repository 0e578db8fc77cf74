import UAParser from 'ua-parser-js';

/**
 * A user agent as OpenObserve's RUM intake stores it (`user_agent` in `RumExtraData`,
 * `src/common/meta/middleware_data.rs`): the `Client` of the uaparser crate (uap-core's
 * regexes), flattened by ingestion into `user_agent_user_agent_family`, `…_major`,
 * `user_agent_os_family`, `user_agent_device_family`, …. Absent parts are left out, as its
 * `null`s are dropped.
 */
export interface ParsedUserAgent {
  device: { family: string; brand?: string; model?: string };
  os: { family: string; major?: string; minor?: string; patch?: string; patch_minor?: string };
  user_agent: { family: string; major?: string; minor?: string; patch?: string };
}

// ua-parser-js (MIT; 2.x is AGPL) names some families differently from uap-core.
const BROWSER_FAMILIES: Record<string, string> = {
  'Chrome Headless': 'HeadlessChrome',
  'Mobile Chrome': 'Chrome Mobile',
  'Mobile Firefox': 'Firefox Mobile',
  'Android Browser': 'Android',
};
const OS_FAMILIES: Record<string, string> = { 'Mac OS': 'Mac OS X', 'Chromium OS': 'Chrome OS' };

/** Parses a `User-Agent` header with ua-parser-js 1.0 into uap-core's shape and names. */
export function parseUserAgent(header: string): ParsedUserAgent {
  const { browser, os, device } = UAParser(header);
  const [major, minor, patch] = versionParts(browser.version);
  const [osMajor, osMinor, osPatch, osPatchMinor] = versionParts(os.version);
  const isMac = device.model === 'Macintosh';
  const model = isMac ? 'Mac' : device.model;
  return {
    device: compact({ family: model ?? 'Other', brand: device.vendor, model }),
    os: compact({
      family: os.name ? (OS_FAMILIES[os.name] ?? os.name) : 'Other',
      major: osMajor,
      minor: osMinor,
      patch: osPatch,
      patch_minor: osPatchMinor,
    }),
    user_agent: compact({
      family: browser.name ? (BROWSER_FAMILIES[browser.name] ?? browser.name) : 'Other',
      major,
      minor,
      patch,
    }),
  };
}

function versionParts(version: string | undefined): Array<string | undefined> {
  return version ? version.split(/[._]/) : [];
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
