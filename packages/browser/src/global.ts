// The script-tag entry (`dist/shoptel.global.js`): the relay's client on `window.shoptel`.
import { startRelayClient } from './client/init.js';
import { startGlobal } from './script/start-global.js';

startGlobal(startRelayClient);
