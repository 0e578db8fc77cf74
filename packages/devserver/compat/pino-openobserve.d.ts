// @openobserve/pino-openobserve ships no types.
declare module '@openobserve/pino-openobserve' {
  import type { Transform } from 'node:stream';

  interface OpenobserveTransportOptions {
    url: string;
    organization: string;
    streamName: string;
    auth: { username: string; password: string };
    batchSize?: number;
    timeThreshold?: number;
  }
  class OpenobserveTransport extends Transform {
    constructor(options: OpenobserveTransportOptions);
  }
  export default OpenobserveTransport;
}
