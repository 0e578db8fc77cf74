/**
 * Device fields read once from `navigator`, `screen` and `Intl`. The raw user agent is not
 * repeated in every event: every request carries it in its `User-Agent` header, which the relay
 * stores as `user_agent` and parses into `browser`, `os` and `device_type`.
 */
export interface DeviceFields {
  platform?: string;
  screen_resolution?: string;
  language?: string;
  timezone?: string;
}

export function readDeviceFields(): DeviceFields {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { platform?: string } }) | undefined;
  const screen = globalThis.screen as Screen | undefined;
  let timezone: string | undefined;
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // Old engines without time zone support: the field stays empty.
  }
  return {
    platform: nav?.userAgentData?.platform || undefined,
    screen_resolution: screen ? `${screen.width}x${screen.height}` : undefined,
    language: nav?.language?.slice(0, 35),
    timezone,
  };
}
