import type { TransportResponse } from '../transport/transport.js';
import { OpenObserveQueryError } from './openobserve-query-error.js';

// A proxy's HTML error page can be large; the first part says enough and keeps log lines short.
const MAX_TEXT_CHARS = 1000;

/**
 * Reads a non-2xx `_search` answer into an {@link OpenObserveQueryError}. OpenObserve answers in
 * one of these shapes:
 * 1. `{"code":400,"message":"Error# <parser error>"}` — SQL that fails while resolving streams;
 * 2. `{"code":200xx,"message":…,"error_detail":…,"trace_id":…,"hint"?,"suggestions"?}` plus the
 *    header `X-Error-Message: <code>`;
 * 3. plain text from the HTTP layer: axum's 415/422 rejections, 401 "Unauthorized Access", a
 *    proxy's page, or nothing at all.
 * When the header holds text instead of a code (older servers), it serves as the message.
 */
export function queryErrorFromResponse(response: TransportResponse, sql: string): OpenObserveQueryError {
  const header = response.headers['x-error-message']?.trim() || undefined;
  const headerCode = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  const headerText = headerCode === undefined ? header : undefined;
  const body = parseErrorBody(response.body);

  if (body) {
    const code = typeof body.code === 'number' && Number.isFinite(body.code) ? body.code : undefined;
    return new OpenObserveQueryError({
      status: response.status,
      code: code ?? headerCode ?? response.status,
      serverMessage:
        textOf(body.message) ??
        textOf(body.error) ??
        headerText ??
        (shorten(response.body) || statusText(response.status)),
      errorDetail: textOf(body.error_detail),
      traceId: textOf(body.trace_id),
      hint: textOf(body.hint),
      suggestions: Array.isArray(body.suggestions)
        ? body.suggestions.filter((s): s is string => typeof s === 'string')
        : undefined,
      sql,
    });
  }
  const text = shorten(response.body);
  return new OpenObserveQueryError({
    status: response.status,
    code: headerCode ?? response.status,
    serverMessage: text || headerText || statusText(response.status),
    sql,
  });
}

function parseErrorBody(body: string): Record<string, unknown> | undefined {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function textOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return shorten(value) || undefined;
}

function shorten(text: string): string {
  const flat = text.trim();
  return flat.length > MAX_TEXT_CHARS ? `${flat.slice(0, MAX_TEXT_CHARS)}…` : flat;
}

function statusText(status: number): string {
  if (status === 401) return 'unauthorized: check the credentials (OpenObserve OSS accepts only Basic auth)';
  if (status === 403) return 'forbidden: the credentials may not search this organization';
  if (status === 404) return 'not found: check the URL and the organization';
  return `HTTP ${status} with an empty body`;
}
