// The direct script tag (`dist/shoptel.direct.global.js`): `window.shoptelConfig.openobserve`
// names OpenObserve and the ingestion-only token; nothing secret is in this file.
import { startDirectClient } from './direct/start-direct-client.js';
import { startGlobal } from './script/start-global.js';

startGlobal(startDirectClient);
