// Starts the real client in happy-dom with consent pending (nothing leaves the test) and collects
// every event through `beforeSend`, the hook a storefront would use, as each call makes it.
import { afterEach } from 'vitest';
import type { ShoptelBrowser } from '../src/client/browser-client.js';
import { init } from '../src/client/init.js';
import type { BehaviorRecord } from '../src/events/behavior-record.js';
import type { BrowserOptions } from '../src/options/browser-options.js';
import { CAPTURES } from '../src/options/resolve-browser-options.js';
import type { BrowserProblem } from '../src/report/report.js';

export interface Harness {
  client: ShoptelBrowser;
  events: BehaviorRecord[];
  problems: BrowserProblem[];
  types(): string[];
}

const running: ShoptelBrowser[] = [];

afterEach(async () => {
  for (const client of running.splice(0)) await client.shutdown();
  localStorage.clear();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.title = '';
  (window as { dataLayer?: unknown }).dataLayer = undefined;
  history.replaceState(null, '', '/');
});

export function startHarness(options: BrowserOptions = {}): Harness {
  const events: BehaviorRecord[] = [];
  const problems: BrowserProblem[] = [];
  const client = init({
    consent: 'pending',
    // Each event built at the call, so a test sees it at once; the default delay has its own tests.
    recordDelayMs: 0,
    beforeSend: (event) => {
      events.push(event);
      return event;
    },
    onError: (problem) => problems.push(problem),
    ...options,
  });
  running.push(client);
  return { client, events, problems, types: () => events.map((event) => event.event_type) };
}

/** Lets timers of the captures (DOM scans) run. */
export const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** `autoCapture` with only the named captures on. */
export function only(...names: (typeof CAPTURES)[number][]): BrowserOptions['autoCapture'] {
  return Object.fromEntries(CAPTURES.map((name) => [name, names.includes(name)]));
}
