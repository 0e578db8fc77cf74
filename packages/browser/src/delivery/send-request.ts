/**
 * A request unanswered for this long counts as failed and is retried (the relay drops the repeat
 * if it was stored after all): a stalled server must not hold `flush()`, or the two requests
 * delivery keeps in flight, for ever. Browsers without `AbortSignal.timeout` wait as before.
 */
export const REQUEST_TIMEOUT_MS = 10_000;

/** A request's answer: `[status, retry-after, body]`; status 0 is a network failure. */
export type RequestAnswer = [number, (string | null)?, string?];

/**
 * POSTs `body` from the page and reads the answer (its body only when 2xx). The delivery worker's
 * script (`post-from-worker.ts`) makes the same request and answers in the same shape.
 */
export async function sendRequest(
  url: string,
  body: string,
  headers?: Record<string, string>,
  keepalive?: boolean,
): Promise<RequestAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers,
      keepalive,
      signal: AbortSignal.timeout?.(REQUEST_TIMEOUT_MS),
    });
    return [response.status, response.headers.get('retry-after'), response.ok ? await response.text() : ''];
  } catch {
    return [0];
  }
}
