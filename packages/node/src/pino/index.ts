// `@shoptel/node/pino`: the pino transport (default export, loaded by pino's worker) and the
// mixin that carries span and request ids from the app's thread.

export type { LogTransportOptions } from '../log-transport/log-transport-options.js';
export { default } from './create-pino-transport.js';
export { pinoLevelToLogLevel } from './pino-level.js';
export { shoptelPinoMixin } from './pino-mixin.js';
export type { ShoptelPinoOptions } from './pino-transport-options.js';
