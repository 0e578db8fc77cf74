// The tracing script tag (`dist/shoptel.tracing.global.js`): exposes `window.shoptelTracing`.
import { startTracing } from './tracing/start-tracing.js';

(window as unknown as { shoptelTracing: { startTracing: typeof startTracing } }).shoptelTracing = {
  startTracing,
};
