import type { Guard, Stoppable } from './capture-types.js';

type HistoryMethod = 'pushState' | 'replaceState';
const WRAPPED = Symbol.for('shoptel.wrapped');

/** `#/cart` and `#!/cart` are routes of a hash router; `#reviews` is an anchor in the page. */
const isHashRoute = (hash: string) => hash.startsWith('#/') || hash.startsWith('#!');

/** The part of the URL whose change makes a new page view. */
export function routeKey(location: Location, withQuery: boolean): string {
  return (
    location.pathname + (withQuery ? location.search : '') + (isHashRoute(location.hash) ? location.hash : '')
  );
}

/**
 * Calls `onRoute` for the page at start and once per route change after: `pushState` and
 * `replaceState` wrapped on `History.prototype` and on the `history` instance when a router gave
 * it its own, plus `popstate` and `hashchange`, and again for a page restored from the
 * back/forward cache. Anchors (`#reviews`) and, unless `withQuery`,
 * query changes are not route changes; repeated signals for one change count once.
 */
export function watchRoutes(
  withQuery: boolean,
  onRoute: (restored?: boolean) => void,
  guard: Guard,
): Stoppable {
  let current = routeKey(location, withQuery);
  const check = guard(() => {
    const next = routeKey(location, withQuery);
    if (next === current) return;
    current = next;
    onRoute();
  });
  const restores: (() => void)[] = [];
  const wrap = (target: History, name: HistoryMethod) => {
    const original = target[name] as History[HistoryMethod] & { [WRAPPED]?: true };
    if (typeof original !== 'function' || original[WRAPPED]) return;
    const wrapped = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
      const result = original.apply(this, args);
      check();
      return result;
    } as History[HistoryMethod] & { [WRAPPED]?: true };
    wrapped[WRAPPED] = true;
    target[name] = wrapped;
    restores.push(() => {
      if (target[name] === wrapped) target[name] = original;
    });
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    wrap(History.prototype, name);
    // Not `Object.hasOwn` (ES2022): the bundles run in ES2020 browsers.
    if (Object.getOwnPropertyDescriptor(history, name)) wrap(history, name);
  }
  // A page restored from the back/forward cache is shown again, as a reload of it would be.
  const restored = guard((event: PageTransitionEvent) => {
    if (event.persisted) onRoute(true);
  });
  addEventListener('popstate', check);
  addEventListener('hashchange', check);
  addEventListener('pageshow', restored);
  guard(onRoute)();
  return {
    stop() {
      for (const restore of restores) restore();
      removeEventListener('popstate', check);
      removeEventListener('hashchange', check);
      removeEventListener('pageshow', restored);
    },
  };
}
