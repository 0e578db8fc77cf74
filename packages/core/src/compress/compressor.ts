/**
 * Compresses request bodies: `node:zlib` gzip in Node (`@shoptel/core/node`), CompressionStream
 * in browsers. `encoding` is the `Content-Encoding` value the result needs.
 */
export interface Compressor {
  readonly encoding: 'gzip' | 'deflate' | 'br';
  compress(body: string | Uint8Array): Promise<Uint8Array>;
}
