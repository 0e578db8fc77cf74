/**
 * Keepalive bodies share a 64 KiB budget per page, released late: Chromium fails keepalive
 * requests beyond it ("Failed to fetch"), so only urgent sends (checkout, purchase, page exit
 * without `sendBeacon`) use it, and only for a body that fits.
 */
const KEEPALIVE_MAX_BYTES = 16 * 1024;

/** What the relay said about one request; status 0 is a network failure. */
export interface PostAnswer {
  status: number;
  retryAfter?: string;
  /** The relay's refusals by line: `{index, reason}`. */
  rejected: { index: number; reason: string }[];
  /** The answer's JSON body, for a transport that reads another shape (OpenObserve's). */
  body?: unknown;
}

/**
 * Posts a body: to the relay NDJSON as a plain string (`text/plain` is CORS-simple, so no
 * preflight); `keepalive` lets an urgent request finish when the page goes away mid-flight. The
 * answer's `rejected` is read from a relay-shaped body (`{accepted, rejected}`) when there is one.
 */
export async function postBatch(
  endpoint: string,
  body: string,
  bytes: number,
  urgent: boolean,
  headers?: Record<string, string>,
): Promise<PostAnswer> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      body,
      headers,
      keepalive: urgent && bytes <= KEEPALIVE_MAX_BYTES,
    });
    const answer: PostAnswer = {
      status: response.status,
      retryAfter: response.headers.get('retry-after') ?? undefined,
      rejected: [],
    };
    if (response.ok) {
      const parsed = (await response.json().catch(() => undefined)) as PostAnswer | undefined;
      answer.body = parsed;
      if (Array.isArray(parsed?.rejected)) answer.rejected = parsed.rejected;
    }
    return answer;
  } catch {
    return { status: 0, rejected: [] };
  }
}
