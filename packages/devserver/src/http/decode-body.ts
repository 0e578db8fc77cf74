import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { HttpError } from './http-error.js';

/** The answer axum gives for a body over `DefaultBodyLimit`. */
export const PAYLOAD_TOO_LARGE = 'Failed to buffer the request body: length limit exceeded';

/**
 * Undoes `Content-Encoding` (gzip, deflate, br; identity), as OpenObserve's decompression layer
 * does. The limit applies to the decompressed body. Unknown encodings answer 415.
 */
export function decodeBody(
  body: Uint8Array,
  contentEncoding: string | undefined,
  limitBytes: number,
): Buffer {
  let data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  const options = { maxOutputLength: limitBytes };
  try {
    // Encodings are listed in the order they were applied; undo them in reverse.
    for (const encoding of encodings.reverse()) {
      if (encoding === 'gzip' || encoding === 'x-gzip') data = gunzipSync(data, options);
      else if (encoding === 'br') data = brotliDecompressSync(data, options);
      else if (encoding === 'deflate') data = inflateDeflate(data, options);
      else
        throw new HttpError(
          415,
          `Content-Encoding "${encoding}" is not supported (use gzip, deflate or br)`,
          { plain: true },
        );
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new HttpError(413, PAYLOAD_TOO_LARGE, { plain: true });
    throw new HttpError(400, `Error# Failed to decompress the request body: ${(error as Error).message}`);
  }
  if (data.byteLength > limitBytes) throw new HttpError(413, PAYLOAD_TOO_LARGE, { plain: true });
  return data;
}

// "deflate" is zlib-wrapped by the spec, but some clients send raw deflate: accept both.
function inflateDeflate(data: Buffer, options: { maxOutputLength: number }): Buffer {
  try {
    return inflateSync(data, options);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw error;
    return inflateRawSync(data, options);
  }
}
