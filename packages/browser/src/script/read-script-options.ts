import type { BrowserOptions, ConsentState } from '../options/browser-options.js';
import { CAPTURES } from '../options/resolve-browser-options.js';

const list = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * Options from the `data-*` attributes of shoptel's own `<script>` tag:
 * `data-endpoint`, `data-consent`, `data-currency`, `data-respect-do-not-track`,
 * `data-auto-capture` (`false`, or the captures to run: `pageViews,cart`), `data-search-params`,
 * `data-track-query-changes`, `data-checkout-url-pattern`, `data-purchase-url-pattern`.
 */
export function readScriptOptions(script: HTMLOrSVGScriptElement | null): BrowserOptions {
  const data = script?.dataset ?? {};
  const options: BrowserOptions = {};
  if (data.endpoint) options.endpoint = data.endpoint;
  // Even empty: a consent template that printed nothing must not mean 'granted'.
  if (data.consent !== undefined) options.consent = data.consent as ConsentState;
  if (data.currency) options.currency = data.currency;
  if (data.respectDoNotTrack !== undefined) options.respectDoNotTrack = data.respectDoNotTrack !== 'false';
  if (data.trackQueryChanges !== undefined) options.trackQueryChanges = data.trackQueryChanges !== 'false';
  if (data.searchParams) options.searchParams = list(data.searchParams);
  if (data.checkoutUrlPattern) options.checkoutUrlPatterns = [data.checkoutUrlPattern];
  if (data.purchaseUrlPattern) options.purchaseUrlPatterns = [data.purchaseUrlPattern];
  const auto = data.autoCapture;
  if (auto === 'false' || auto === 'true') options.autoCapture = auto === 'true';
  else if (auto) {
    // The listed captures on, the others off; a name that is no capture is refused by `init`.
    const capture: Record<string, boolean> = {};
    for (const name of CAPTURES) capture[name] = false;
    for (const name of list(auto)) capture[name] = true;
    options.autoCapture = capture;
  }
  return options;
}
