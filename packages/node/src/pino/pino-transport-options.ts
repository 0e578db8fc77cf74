import type { LogTransportOptions } from '../log-transport/log-transport-options.js';

/** Options of the `@shoptel/node/pino` transport (pino passes them to the worker as data). */
export interface ShoptelPinoOptions extends LogTransportOptions {
  /** pino's `messageKey`, if you changed it. @default 'msg' */
  messageKey?: string;
}
