import { type BehaviorEventType, PRODUCT_EVENTS } from '../events/behavior-record.js';
import type { AnyProps } from '../events/event-props.js';
import type { Guard, Stoppable, TrackFn } from './capture-types.js';

type Params = Record<string, unknown>;
interface Ga4Item {
  item_id?: string;
  item_name?: string;
  item_category?: string;
  price?: number;
  quantity?: number;
}

/** GA4 recommended ecommerce events and what each becomes. */
const GA4_EVENTS: Record<string, BehaviorEventType> = {
  view_item: 'PRODUCT_VIEW',
  add_to_cart: 'CART_ADD',
  remove_from_cart: 'CART_REMOVE',
  begin_checkout: 'CHECKOUT',
  purchase: 'PURCHASE',
  search: 'SEARCH',
};

/** The dataLayer watch; `follow` reads an array put in the old one's place unnoticed. */
export interface DataLayerWatch extends Stoppable {
  follow(): void;
}

/** How often a fixed `window.dataLayer` (see below) is looked at for a replacement. */
export const FIXED_LAYER_CHECK_MS = 1000;

/**
 * Reads GA4 ecommerce from `window.dataLayer`: the entries already there, then every push (the
 * array's `push` wrapped, result and other listeners untouched). Both shapes are read: GTM's
 * `{event, ecommerce}` and gtag's `arguments` (`['event', 'add_to_cart', params]`). A site that
 * replaces the array (`window.dataLayer = []`, as some tag managers do) is followed to the new one
 * through an accessor on `window.dataLayer`; entries already read (copied over) are not read again.
 * Where a `var dataLayer` in an earlier script made the property fixed (no accessor possible), a
 * replacement is found by looking: each `FIXED_LAYER_CHECK_MS` and at `follow` (page exit), so
 * what was pushed to it is read then, late but not lost.
 */
export function watchDataLayer(track: TrackFn, guard: Guard): DataLayerWatch {
  const host = window as unknown as { dataLayer?: unknown };
  /** The entries read and the arrays watched. */
  const seen = new WeakSet<object>();
  let layer: unknown;
  let unwrap = () => {};

  const handle = guard((entry: unknown) => {
    const e = entry as Params & ArrayLike<unknown>;
    if (typeof e !== 'object' || !e) return;
    seen.add(e);
    const gtag = e[0] === 'event';
    const name = (gtag ? e[1] : e.event) as string;
    const type = GA4_EVENTS[name];
    if (!type) return;
    const params = ((gtag ? e[2] : (e.ecommerce ?? e)) ?? {}) as Params;
    const listed = (params.items ?? []) as (Ga4Item | null)[];
    const currency = params.currency as string;
    // Events about products become one event per item; the others carry the items as lines. An
    // item without an id (GA4 takes a name alone), or no item at all, goes on to be reported.
    if (PRODUCT_EVENTS.has(type)) {
      for (const item of listed.length > 0 ? listed : [null]) {
        track(
          type,
          {
            productId: item?.item_id,
            productName: item?.item_name,
            categoryId: item?.item_category,
            price: item?.price,
            quantity: type === 'PRODUCT_VIEW' ? undefined : (item?.quantity ?? 1),
            currency,
          },
          'datalayer',
        );
      }
      return;
    }
    const props: AnyProps = {
      query: params.search_term as string,
      orderId: params.transaction_id as string,
      totalAmount: params.value as number,
      currency,
    };
    const items = listed.filter((item) => item?.item_id) as Ga4Item[];
    if (items.length > 0)
      props.items = items.map((item) => ({
        productId: item.item_id!,
        name: item.item_name,
        price: item.price,
        quantity: item.quantity,
      }));
    track(type, props, 'datalayer');
  });

  const watch = (value: unknown) => {
    layer = value;
    if (!Array.isArray(value) || seen.has(value)) return;
    seen.add(value);
    for (const entry of value) if (!seen.has(entry)) handle(entry);
    const original = value.push;
    // A push is always read, also of an object pushed before (a site may reuse one).
    const wrapped = function (this: unknown[], ...entries: unknown[]) {
      const result = original.apply(this, entries);
      for (const entry of entries) handle(entry);
      return result;
    };
    value.push = wrapped;
    // On stop the array in use gets its push back; one replaced keeps the wrapper, which is
    // harmless then (the guard stops it).
    unwrap = () => {
      if (value.push === wrapped) value.push = original;
    };
  };
  // An array already watched is left as it is: `follow` costs nothing while nothing changed.
  const follow = guard(() => watch(host.dataLayer));
  host.dataLayer ??= [];
  watch(host.dataLayer);
  const fixed = !Reflect.defineProperty(host, 'dataLayer', {
    configurable: true,
    get: () => layer,
    set: watch,
  });
  const looking = fixed ? setInterval(follow, FIXED_LAYER_CHECK_MS) : undefined;
  return {
    follow,
    stop() {
      clearInterval(looking);
      unwrap();
      // Back to a plain property, unless someone has put their own accessor in ours' place.
      if (Object.getOwnPropertyDescriptor(host, 'dataLayer')?.set === watch) {
        delete host.dataLayer;
        host.dataLayer = layer;
      }
    },
  };
}
