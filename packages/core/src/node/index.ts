export { createGzipCompressor } from './create-gzip-compressor.js';
export { createNodeHttpTransport, type NodeHttpTransportOptions } from './create-node-http-transport.js';
