/** A request's answer: `[status, retry-after, body]`; status 0 is a network failure. */
export type RequestAnswer = [number, (string | null)?, string?];

/**
 * POSTs `body` and reads the answer (its body only when 2xx). It refers to nothing outside itself
 * but `fetch`, because the delivery worker runs its source text too: one copy of the request in
 * the bundle. (A host's build that compiles it to something needing helpers breaks only the
 * worker, which then fails over to the page.)
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
