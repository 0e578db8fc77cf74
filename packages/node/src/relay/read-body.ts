import type { IncomingMessage } from 'node:http';

/** The body as text, or `'too-large'` as soon as it passes `maxBytes` (the rest is not kept). */
export type BodyText = string | 'too-large';

/**
 * Reads a Node request body up to `maxBytes`. When a body parser mounted before the relay has
 * already read the stream, its `req.body` (text, Buffer or parsed JSON) is used instead of waiting
 * for data that will never come.
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<BodyText> {
  if (req.readableEnded) return Promise.resolve(parsedBody((req as { body?: unknown }).body, maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Reads a Fetch `Request` body up to `maxBytes`, stopping the stream when it passes. */
export async function readFetchBody(request: Request, maxBytes: number): Promise<BodyText> {
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return 'too-large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parsedBody(body: unknown, maxBytes: number): BodyText {
  let text = '';
  if (typeof body === 'string') text = body;
  else if (Buffer.isBuffer(body)) text = body.toString('utf8');
  else if (typeof body === 'object' && body !== null) text = JSON.stringify(body);
  return Buffer.byteLength(text) > maxBytes ? 'too-large' : text;
}
