// `@shoptel/node/winston`: a winston transport to OpenObserve.

export type { LogTransportOptions } from '../log-transport/log-transport-options.js';
export { OpenObserveTransport, type OpenObserveTransportOptions } from './openobserve-transport.js';
export { winstonLevelToLogLevel } from './winston-level.js';
