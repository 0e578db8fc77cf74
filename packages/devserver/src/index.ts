export {
  DEFAULT_HOST,
  DEFAULT_PASSWORD,
  DEFAULT_PAYLOAD_LIMIT_BYTES,
  DEFAULT_PORT,
  DEFAULT_USER,
  type DevServerOptions,
} from './server/resolve-dev-server-options.js';
export { type DevServer, startDevServer } from './server/start-dev-server.js';
