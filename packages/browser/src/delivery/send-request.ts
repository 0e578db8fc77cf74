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
    const response = await fetch(url, { method: 'POST', body, headers, keepalive });
    return [response.status, response.headers.get('retry-after'), response.ok ? await response.text() : ''];
  } catch {
    return [0];
  }
}
