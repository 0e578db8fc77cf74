import type { ServerResponse } from 'node:http';

/** Sends a JSON body with the given status (and extra headers). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendBody(
    response,
    status,
    'application/json',
    typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  );
}

/** Sends a plain-text body, as OpenObserve does for bad credentials and oversized bodies. */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  sendBody(response, status, 'text/plain; charset=utf-8', text, headers);
}

export function sendBody(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
