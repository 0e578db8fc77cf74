import type { IncomingMessage } from 'node:http';
import { parseUserAgent } from './parse-user-agent.js';

export const RUM_API_KEY_NAMES = ['o2-api-key', 'oo-api-key'];

/**
 * The fields OpenObserve adds to every record of a RUM request (`RumExtraData`,
 * `src/common/meta/middleware_data.rs`), later keys winning: every query parameter starting with
 * `oo`, `o2` or `batch_time` but the API keys; the `k:v,k2:v2` pairs of `ootags` (or `o2tags`)
 * in the query, then those of the first body record's `ootags`/`o2tags` for keys the query did
 * not set (how the browser SDKs send them; OpenObserve's fix for its issue #12351, whose tests
 * split a pair at its first `:`); `ip` (`X-Forwarded-For`, `Forwarded`, or the peer); and the
 * parsed `User-Agent` as `user_agent`. They overwrite the record's own fields of the same name.
 */
export function rumExtraFields(
  url: URL,
  request: IncomingMessage,
  firstRecord: unknown,
): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) {
    if (RUM_API_KEY_NAMES.includes(name)) continue;
    if (name.startsWith('oo') || name.startsWith('o2') || name.startsWith('batch_time')) extra[name] = value;
  }
  const queryTags = parseTags(url.searchParams.get('ootags') ?? url.searchParams.get('o2tags'));
  const body = isRecord(firstRecord) ? firstRecord : {};
  const bodyTags = parseTags(stringOrNull(body.ootags) ?? stringOrNull(body.o2tags));
  Object.assign(extra, bodyTags, queryTags);
  const forwarded = request.headers['x-forwarded-for'] ?? request.headers.forwarded;
  const ip = typeof forwarded === 'string' ? forwarded : request.socket.remoteAddress;
  if (ip) extra.ip = ip;
  extra.user_agent = parseUserAgent(request.headers['user-agent'] ?? '');
  return extra;
}

function parseTags(tags: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (tags ?? '').split(',')) {
    const colon = pair.indexOf(':');
    if (colon > 0) out[pair.slice(0, colon)] = pair.slice(colon + 1);
  }
  return out;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
