import type { BehaviorSource } from '../events/behavior-record.js';

/** Unpaired steps kept: a long single-page session's clicks do not pile up. */
const MAX_UNPAIRED = 100;

/**
 * A shop instrumented twice — `data-shoptel-cart-add` on the button and GA4's `add_to_cart` in its
 * click handler (or after its cart request), a checkout URL pattern and GA4's `begin_checkout` —
 * would count each step twice. Returns whether a step counts: one that the other automatic source
 * (the page's markup, JSON-LD or URL against its dataLayer) already counted, unpaired, is its
 * copy. So a step counts as many times as the source that reports it most often reports it: exact
 * on a page that reports it through one source or through both.
 */
export function createStepPairing(): (step: string, source: BehaviorSource) => boolean {
  /** Steps counted and not yet paired, as `source step`. */
  const unpaired: string[] = [];
  return (step, source) => {
    const twin = unpaired.indexOf(`${source === 'auto' ? 'datalayer' : 'auto'} ${step}`);
    if (twin >= 0) unpaired.splice(twin, 1);
    else if (unpaired.push(`${source} ${step}`) > MAX_UNPAIRED) unpaired.shift();
    return twin < 0;
  };
}
