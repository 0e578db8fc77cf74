/** Device fields read once from `navigator`, `screen` and `Intl`; the relay parses the user agent. */
export interface DeviceFields {
  user_agent?: string;
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
    user_agent: nav?.userAgent?.slice(0, 1024),
    platform: nav?.userAgentData?.platform || undefined,
    screen_resolution: screen ? `${screen.width}x${screen.height}` : undefined,
    language: nav?.language?.slice(0, 35),
    timezone,
  };
}
