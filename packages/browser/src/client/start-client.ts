import { createSmallUuidV7Generator } from '@shoptel/core/uuid';
import type { Guard, Stoppable, TrackFn } from '../capture/capture-types.js';
import { createHeldPurchase } from '../capture/create-held-purchase.js';
import { createHeldView } from '../capture/create-held-view.js';
import { createSearchMemory } from '../capture/create-search-memory.js';
import { createStepPairing } from '../capture/create-step-pairing.js';
import { startDomListeners } from '../capture/start-dom-listeners.js';
import { startPageCaptures } from '../capture/start-page-captures.js';
import { type DataLayerWatch, watchDataLayer } from '../capture/watch-data-layer.js';
import { createDelivery } from '../delivery/create-delivery.js';
import type { Transport } from '../delivery/transport.js';
import type { BehaviorEventType } from '../events/behavior-record.js';
import type { AnyProps } from '../events/event-props.js';
import type { BrowserOptions, ConsentState, ResolvedBrowserOptions } from '../options/browser-options.js';
import { resolveBrowserOptions } from '../options/resolve-browser-options.js';
import { createEventQueue } from '../queue/create-event-queue.js';
import { createPersistedQueue } from '../queue/create-persisted-queue.js';
import { createReporter, type Reporter } from '../report/report.js';
import { createIdentity, IDENTITY_KEYS } from '../session/create-identity.js';
import { createSession, SESSION_KEY } from '../session/create-session.js';
import { readDeviceFields } from '../session/device-fields.js';
import { createStore } from '../storage/create-store.js';
import type { ShoptelBrowser } from './browser-client.js';
import { createTracker } from './create-tracker.js';

/**
 * Browsers send `'1'` for Do Not Track; Global Privacy Control is a boolean. (IE's
 * `msDoNotTrack` is not read: no browser that runs this ES2020 bundle has it.)
 */
const doNotTrack = () => {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return nav.doNotTrack === '1' || nav.globalPrivacyControl === true;
};

/** The steps a page and its dataLayer may both report (`create-step-pairing.ts`). */
const PAIRED_STEPS = new Set<BehaviorEventType>([
  'PRODUCT_VIEW',
  'CART_ADD',
  'CART_REMOVE',
  'CHECKOUT',
  'SEARCH',
]);

/**
 * Where the running client is kept: on the window, so that a second `init` — an app's start code
 * run twice, or a second bundled copy of this package — finds it.
 */
const RUNNING = Symbol.for('shoptel.client');

/** Builds where batches go, once the options are resolved. */
export type TransportFactory = (options: ResolvedBrowserOptions, report: Reporter) => Transport;

/** Runs on the client before its automatic captures start (the script tag's stub replay). */
export type BeforeCaptures = (client: ShoptelBrowser) => void;

/**
 * Starts storefront capture with the given transport (`init` for the relay, the direct entry for
 * OpenObserve): restores what earlier pages left unsent, starts the automatic captures and the
 * page-exit, online and offline listeners. Throws only for invalid options.
 */
export function startClient(
  options: BrowserOptions | undefined,
  transport: TransportFactory,
  beforeCaptures?: BeforeCaptures,
): ShoptelBrowser {
  const o = resolveBrowserOptions(options);
  const host = window as unknown as { [RUNNING]?: ShoptelBrowser };
  const running = host[RUNNING];
  if (running) {
    // A second client would double every automatic capture; one page has one client.
    // The npm build warns too (its bytes are not counted): an app that calls `init` again with
    // new options (a consent from its state) would otherwise wait for them in silence.
    if (__SHOPTEL_DEBUG__ || __SHOPTEL_NPM__)
      console.warn('shoptel: init() called again; its options are ignored');
    beforeCaptures?.(running);
    return running;
  }
  const report = createReporter(o.onError);
  const store = createStore();
  const newId = createSmallUuidV7Generator();
  const silenced = o.respectDoNotTrack && doNotTrack();
  /** The consent the page asked for; `consent` is what applies now. */
  let asked = o.consent;
  let consent: ConsentState = asked;
  /**
   * A page prerendered for a link the shopper may never follow (speculation rules) is no visit
   * yet: until it is shown, it keeps what it tracks in memory as with consent pending (never
   * stored, never sent, gone with the page if it is not shown), and its automatic captures wait.
   */
  const prerendering = () => (document as Document & { prerendering?: boolean }).prerendering;
  let stopped = false;

  const guard: Guard =
    (handler) =>
    (...args) => {
      try {
        if (!stopped) handler(...args);
      } catch (error) {
        // The debug build says what failed (its handlers' names are minified away).
        report('capture_failed', 1, __SHOPTEL_DEBUG__ ? String(error) : '');
      }
    };
  const queue = createEventQueue(createPersistedQueue(store, o, report), o, report);
  const delivery = createDelivery(
    queue,
    o,
    transport(o, report),
    () => consent === 'granted' && !stopped,
    report,
  );
  const identity = createIdentity(store, newId);
  const session = createSession(store, newId, o);
  const tracker = createTracker({
    options: o,
    store,
    identity,
    session,
    device: readDeviceFields(),
    queue,
    newId,
    report,
    queued: delivery.schedule,
    guard,
  });
  // A held SPA page view goes before anything tracked after it, so events stay in order.
  const view = createHeldView(guard);
  const purchase = createHeldPurchase(guard);
  const pairs = createStepPairing();
  // The dataLayer watch, once started: page exit reads what a replaced array holds.
  let dataLayer: DataLayerWatch | undefined;
  const autoTrack: TrackFn = (type, props, source, timeMs) => {
    // A product view, cart step, checkout or search that the page (its markup, JSON-LD or URL)
    // and its dataLayer both report counts once.
    if (
      source !== 'api' &&
      PAIRED_STEPS.has(type) &&
      !pairs(`${type} ${props.productId ?? props.query ?? ''}`, source)
    )
      return;
    view.flush();
    // A purchase with its order id (the page's dataLayer, markup, the API) replaces the URL's.
    if (type === 'PURCHASE' && props.orderId) purchase.cancel();
    if (consent !== 'denied') tracker.track(type, props, source, timeMs);
  };
  const api = (type: BehaviorEventType) =>
    guard((props?: AnyProps, timeMs?: number) => autoTrack(type, props ?? {}, 'api', timeMs));
  /**
   * What waits goes now: at page exit, `flush` and `shutdown` (each then sends it all). What is
   * not delivered yet is stored now too: a hidden page may be discarded without another event.
   */
  const release = guard(() => {
    dataLayer?.follow();
    view.flush();
    purchase.hold();
    tracker.drain(true);
    queue.persist();
  });

  const setConsent = guard((state: ConsentState) => {
    // A CMP's boolean or a typo would otherwise hold every event in memory, unsent, in silence.
    if (!/^(granted|denied|pending)$/.test(state))
      return report('invalid_event', 1, __SHOPTEL_DEBUG__ ? 'setConsent: granted, denied or pending' : '');
    // Calls made before the change are recorded under the consent, and ids, they were made with;
    // quietly: a withdrawal must not itself post what waited (a grant resumes delivery below).
    tracker.drain(true);
    asked = state;
    consent = silenced ? 'denied' : state === 'granted' && prerendering() ? 'pending' : state;
    store.setPersistent(consent === 'granted');
    if (consent === 'denied') {
      queue.clear();
      store.clear();
      session.end();
      // The ids of before the withdrawal must not come back with a later grant; the new one waits
      // in memory and is stored if consent is granted.
      identity.reset();
    } else if (consent === 'granted') {
      queue.restore();
      delivery.resume();
    }
  });
  setConsent(asked);

  const onHidden = guard(() => {
    if (document.visibilityState !== 'hidden') return;
    release();
    session.save();
    delivery.exit();
  });
  const onPageHide = guard(() => {
    release();
    session.save();
    delivery.exit();
  });
  const onOnline = guard(() => delivery.resume());
  /**
   * Tabs of one shop share the shopper: a logout (`reset`) or `identify` in one is taken over by
   * the others (their calls made before it keep the ids they were made with), and a session
   * another tab ended is not continued here with the new ids.
   */
  const onStorage = guard(({ key, newValue, oldValue }: StorageEvent) => {
    if (key === SESSION_KEY && newValue === null) session.forget(oldValue);
    if (IDENTITY_KEYS.includes(key!)) {
      tracker.drain();
      identity.reload();
    }
  });
  addEventListener('storage', onStorage);
  document.addEventListener('visibilitychange', onHidden);
  addEventListener('pagehide', onPageHide);
  addEventListener('online', onOnline);

  const captures: Stoppable[] = [];
  const client: ShoptelBrowser = {
    trackPageView: api('PAGE_VIEW'),
    trackProductView: api('PRODUCT_VIEW'),
    trackSearch: api('SEARCH'),
    trackCartAdd: api('CART_ADD'),
    trackCartRemove: api('CART_REMOVE'),
    trackCheckout: api('CHECKOUT'),
    trackPurchase: api('PURCHASE'),
    identify: guard((userId: string) => {
      // `identify(customer)` or `identify(undefined)` would make every shopper one user.
      if ((typeof userId === 'string' && userId) || typeof userId === 'number') {
        tracker.drain();
        identity.identify(String(userId));
      } else report('invalid_event', 1, __SHOPTEL_DEBUG__ ? 'identify needs an id' : '');
    }),
    reset: guard(() => {
      tracker.drain();
      // The session first: the other tabs see its end before the new ids (`onStorage`).
      session.end();
      identity.reset();
    }),
    setConsent,
    flush: () => {
      if (stopped) return Promise.resolve();
      release();
      return delivery.flush().catch(() => {});
    },
    async shutdown() {
      if (stopped) return;
      // A call made while the flush runs is built at once.
      tracker.stop();
      release();
      // Captures stop at once, so that a new `init` while this one flushes doubles nothing.
      for (const capture of captures) capture.stop();
      if (host[RUNNING] === client) delete host[RUNNING];
      await delivery.flush().catch(() => {});
      stopped = true;
      delivery.stop();
      document.removeEventListener('visibilitychange', onHidden);
      removeEventListener('pagehide', onPageHide);
      removeEventListener('online', onOnline);
      removeEventListener('storage', onStorage);
    },
  };
  host[RUNNING] = client;
  beforeCaptures?.(client);

  const isNewSearch = createSearchMemory(store);
  const searchOnce = (query: string) => isNewSearch(query, Date.now());
  const startCaptures = guard(() => {
    captures.push(
      startPageCaptures(o, autoTrack, searchOnce, guard, guard(view.hold), purchase.hold),
      startDomListeners(o, autoTrack, searchOnce, guard),
    );
    if (o.capture.dataLayer) {
      dataLayer = watchDataLayer(autoTrack, guard);
      captures.push(dataLayer);
    }
  });
  // The event comes once, when the prerendered page is shown.
  if (prerendering())
    document.addEventListener('prerenderingchange', () => {
      setConsent(asked);
      startCaptures();
    });
  else startCaptures();
  return client;
}
