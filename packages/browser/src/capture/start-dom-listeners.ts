import { toAmount } from '../events/to-behavior-fields.js';
import type { ResolvedBrowserOptions } from '../options/browser-options.js';
import type { Guard, Stoppable, TrackFn } from './capture-types.js';
import { readDataAttributes } from './read-data-attributes.js';

const CART_ADD = 'data-shoptel-cart-add';
const CART_REMOVE = 'data-shoptel-cart-remove';

/**
 * Delegated listeners on the window (capture phase, so a handler that stops propagation does
 * not hide the click): cart buttons marked `[data-shoptel-cart-add]` / `[data-shoptel-cart-remove]`,
 * and `form[role=search]` submits, of which only the search field is read — never other values.
 */
export function startDomListeners(
  options: ResolvedBrowserOptions,
  track: TrackFn,
  isNewSearch: (query: string) => boolean,
  guard: Guard,
): Stoppable {
  const onClick = guard((event: Event) => {
    // The nearest marked element on the click's path: also inside an open shadow root (a web
    // component's button), which `closest` from the target would not leave.
    const button = (event.composedPath() as Element[]).find((node) =>
      node.matches?.(`[${CART_ADD}],[${CART_REMOVE}]`),
    );
    if (!button) return;
    const adding = button.hasAttribute(CART_ADD);
    const props = readDataAttributes(button, adding ? CART_ADD : CART_REMOVE);
    // Also for an empty attribute (a template without a value), or one that is no count.
    if (!((toAmount(props.quantity) ?? 0) > 0)) props.quantity = 1;
    track(adding ? 'CART_ADD' : 'CART_REMOVE', props, 'auto');
  });
  const onSubmit = guard((event: Event) => {
    const form = event.target as HTMLFormElement;
    if (!form.matches?.('form[role=search]')) return;
    const names = options.searchParams.map((name) => `input[name="${name}"]`).join(',');
    const field = form.querySelector<HTMLInputElement>(`input[type=search],${names}`);
    const query = field?.value.trim();
    if (query && isNewSearch(query)) track('SEARCH', { query }, 'auto');
  });
  // On the window, capture phase: the first place an event reaches, so a page listener that stops
  // its propagation (on the window too, or further down) does not hide it from us.
  if (options.capture.cart) addEventListener('click', onClick, true);
  if (options.capture.search) addEventListener('submit', onSubmit, true);
  return {
    stop() {
      removeEventListener('click', onClick, true);
      removeEventListener('submit', onSubmit, true);
    },
  };
}
