import type { IncomingMessage } from 'node:http';
import { PAYLOAD_TOO_LARGE } from './decode-body.js';
import { HttpError } from './http-error.js';

/**
 * Reads the raw request body, refusing more than `limitBytes` (413, like axum's body limit). The
 * rest of an oversized body is drained, not read into memory, so the client still gets the 413.
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume();
    return Promise.reject(new HttpError(413, PAYLOAD_TOO_LARGE, { plain: true }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.byteLength;
      if (size > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
        reject(new HttpError(413, PAYLOAD_TOO_LARGE, { plain: true }));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    request.on('error', () => reject(new HttpError(400, 'Error# request body incomplete')));
    // The connection closed before the body ended (client gone, or closed by `stop()`).
    request.on('close', () => {
      if (!request.complete) reject(new HttpError(400, 'Error# request body incomplete'));
    });
  });
}
