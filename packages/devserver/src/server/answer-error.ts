import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { HttpError } from '../http/http-error.js';
import { sendJson, sendText } from '../http/send-response.js';
import { SearchError } from '../search/search-error.js';

/** Answers any error a handler threw; unknown errors become 500 `{code, message}`. */
export function answerError(response: ServerResponse, error: unknown): void {
  if (error instanceof SearchError) {
    const traceId = randomBytes(16).toString('hex');
    sendJson(
      response,
      error.status,
      { code: error.code, message: error.message, error_detail: error.detail, trace_id: traceId },
      // Current OpenObserve (`map_error_to_http_response` in src/core/src/http.rs) sends only the
      // code here; older releases sent a JSON object.
      { 'x-error-message': String(error.code) },
    );
    return;
  }
  if (error instanceof HttpError) {
    const headers = error.options.headers ?? {};
    if (error.options.plain) sendText(response, error.status, error.message, headers);
    else
      sendJson(
        response,
        error.status,
        error.options.body ?? { code: error.status, message: error.message },
        headers,
      );
    return;
  }
  console.error('[shoptel-devserver] request failed:', error);
  sendJson(response, 500, {
    code: 500,
    message: `Error# ${error instanceof Error ? error.message : String(error)}`,
  });
}
