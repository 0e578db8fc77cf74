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
  // Only called in a page, where `navigator`, `screen` and `Intl` always exist.
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return {
    platform: nav.userAgentData?.platform || undefined,
    screen_resolution: `${screen.width}x${screen.height}`,
    language: nav.language?.slice(0, 35),
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
