// The SDKs measured side by side, each as the glue its page runs: `init(base)` configures the SDK
// against the local collector, `track(i)` makes one e-commerce call. Configurations follow
// ../shared/reference/p8-browser-event-cost.md so the peer figures are comparable with it.

/** Ten e-commerce properties, varied per call (the reference's payload). */
const PROPS = `(i) => ({ product_id: 'sku-' + (i % 97), sku: 'SKU' + i, category: 'kitchen', name: 'Blue mug ' + (i % 13), brand: 'Acme', variant: 'blue', price: 12.5 + (i % 7), quantity: 1 + (i % 3), currency: 'EUR', position: i % 20 })`;

export const SUBJECTS = {
  shoptel: {
    label: '@shoptel/browser',
    // The script tag's own bundle: what a storefront loads.
    bundle: 'dist',
    marker: 'CART_ADD',
    glue: `
      const props = ${PROPS};
      window.subject = {
        init(base) { window.shoptelClient = window.shoptel; },
        ready: () => Boolean(window.shoptel && window.shoptel.loaded),
        track(i) { const p = props(i); window.shoptel.trackCartAdd({ productId: p.product_id, productName: p.name, categoryId: p.category, price: p.price, quantity: p.quantity, currency: p.currency, cartId: p.sku }); },
      };`,
    tagData: 'data-auto-capture="false" data-endpoint="/shoptel"',
  },
  'datadog-logs': {
    label: 'DataDog Logs 7.16.2',
    marker: 'product added',
    entry: `
      import { datadogLogs } from '@datadog/browser-logs';
      const props = ${PROPS};
      window.subject = {
        init(base) {
          datadogLogs.init({ clientToken: 'pubx', site: 'datadoghq.com', proxy: base + '/dd-proxy', forwardErrorsToLogs: false, sessionSampleRate: 100, telemetrySampleRate: 0 });
        },
        ready: () => true,
        track(i) { datadogLogs.logger.info('product added', props(i)); },
      };`,
  },
  segment: {
    label: 'Segment analytics-next 1.84.3',
    marker: 'Product Added',
    entry: `
      import { AnalyticsBrowser } from '@segment/analytics-next';
      const props = ${PROPS};
      let analytics;
      window.subject = {
        init(base) {
          const apiHost = base.replace('http://', '') + '/v1';
          analytics = AnalyticsBrowser.load(
            { writeKey: 'x', cdnSettings: { integrations: { 'Segment.io': { apiKey: 'x', apiHost, protocol: 'http' } } } },
            { integrations: { 'Segment.io': { apiHost, protocol: 'http' } } },
          );
          analytics.then(() => { window.segmentReady = true; });
        },
        ready: () => window.segmentReady === true,
        track(i) { analytics.track('Product Added', props(i)); },
      };`,
  },
  posthog: {
    label: 'PostHog 1.449.2 (rate limiter raised)',
    marker: 'product added',
    entry: `
      import posthog from 'posthog-js';
      const props = ${PROPS};
      window.subject = {
        init(base) {
          posthog.init('phc_bench', {
            api_host: base, autocapture: false, capture_pageview: false, capture_pageleave: false,
            disable_session_recording: true, disable_surveys: true, capture_performance: false,
            capture_exceptions: false, capture_dead_clicks: false, capture_heatmaps: false, rageclick: false,
            advanced_disable_flags: true, disable_external_dependency_loading: true, opt_out_useragent_filter: true,
            rate_limiting: { events_per_second: 1e6, events_burst_limit: 1e6 },
            loaded: () => { window.posthogReady = true; },
          });
        },
        ready: () => window.posthogReady === true,
        track(i) { posthog.capture('product added', props(i)); },
      };`,
  },
};

/** No SDK: the cost of the harness's own calls and timer tasks, subtracted from the sporadic mode. */
SUBJECTS.harness = {
  label: 'harness only (no SDK)',
  marker: '\u0000never',
  glue: `window.subject = { init() {}, ready: () => true, track(i) { window.sink = i; } };`,
};

/** The floors' calls: each call's properties as one NDJSON line, cut into batches of 29 (`cut`). */
const FLOOR_SUBJECT = `
      window.subject = {
        init() {},
        ready: () => true,
        track(i) {
          lines.push(JSON.stringify({ event_type: 'floor_event', ...props(i) }));
          if (lines.length >= 29) cut();
          clearTimeout(timer);
          timer = setTimeout(() => lines.length && cut(), 1000);
        },
      };`;

/**
 * No SDK, only the requests: each call's properties as one NDJSON line, posted (`fetch`,
 * `text/plain`, two in flight) in batches of 29 lines — the batch shoptel's ~560-byte events fill
 * within the 16 KiB bound — the rest after 1 s. What the browser charges the page for the requests
 * of any SDK that batches this way: the floor under shoptel's figure.
 */
SUBJECTS['request-floor'] = {
  label: 'request floor: fetch in batches of 29, nothing else',
  marker: 'floor_event',
  glue: `
      const props = ${PROPS};
      let lines = [];
      let inFlight = 0;
      let timer;
      const ready = [];
      const post = (body) => {
        inFlight++;
        fetch('/shoptel', { method: 'POST', body }).then((r) => r.text()).finally(() => {
          inFlight--;
          if (ready.length) post(ready.shift());
        });
      };
      const cut = () => {
        const body = lines.join('\\n');
        lines = [];
        if (inFlight < 2) post(body);
        else ready.push(body);
      };
      ${FLOOR_SUBJECT}`,
};

/**
 * The request floor's batches posted from a dedicated worker (as shoptel posts to the relay):
 * what the page's main thread still pays when the requests themselves run on another thread.
 */
SUBJECTS['worker-floor'] = {
  label: 'request floor, posted from a worker',
  marker: 'floor_event',
  glue: `
      const props = ${PROPS};
      const script = 'let n=0;const q=[];const go=(b)=>{n++;fetch("' + location.origin + '/shoptel",{method:"POST",body:b}).then((r)=>r.text()).finally(()=>{n--;if(q.length)go(q.shift());postMessage(1)})};onmessage=(e)=>{if(n<2)go(e.data);else q.push(e.data)}';
      const worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
      worker.onmessage = () => {};
      let lines = [];
      let timer;
      const cut = () => {
        worker.postMessage(lines.join('\\n'));
        lines = [];
      };
      ${FLOOR_SUBJECT}`,
};
