import { applyCors } from '../http/apply-cors.js';
import { checkBasicAuth } from '../http/check-basic-auth.js';
import { checkOrg } from '../http/check-org.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import { handleBulkIngest } from '../ingest/handle-bulk-ingest.js';
import { handleLogIngest } from '../ingest/handle-log-ingest.js';
import { handleMetricsIngest } from '../ingest/handle-metrics-ingest.js';
import { handleRumIngest } from '../ingest/handle-rum-ingest.js';
import { handleTracesIngest } from '../ingest/handle-traces-ingest.js';
import { renderHomePage } from '../page/render-home-page.js';
import { handleSearch } from '../search/handle-search.js';
import { handleStreamSettings } from '../streams/handle-stream-settings.js';
import { handleListStreams, handleStreamSchema } from '../streams/handle-streams.js';
import type { RequestInfo, ServerContext } from './server-context.js';

const TRACE_PATHS = new Set(['v1/traces', 'traces', 'otel/v1/traces']);

/** Dispatches one request. Throws `HttpError`/`SearchError` for the caller to answer. */
export async function routeRequest(context: ServerContext, info: RequestInfo): Promise<void> {
  const { request, response, segments } = info;
  const method = request.method ?? 'GET';
  if (applyCors(request, response, context.options.corsOrigins)) return;
  const { user, password } = context.options;

  if (segments.length === 1 && segments[0] === 'healthz') {
    sendJson(response, 200, { status: 'ok' });
    return;
  }
  if (segments.length === 0) {
    requireMethod(method, 'GET');
    checkBasicAuth(request, user, password, true);
    await renderHomePage(info);
    return;
  }
  if (segments[0] === 'rum' && segments[1] === 'v1') {
    if (segments.length !== 4) throw new HttpError(401, 'Please pass a valid org_id.');
    requireMethod(method, 'POST');
    await handleRumIngest(context, info, checkOrg(segments[2]!), segments[3]!);
    return;
  }
  if (segments[0] !== 'api' || segments.length < 3) throw new HttpError(404, 'Not Found');

  checkBasicAuth(request, user, password);
  const org = checkOrg(segments[1]!);
  const rest = segments.slice(2);
  const path = rest.join('/');
  if (path === '_search') {
    requireMethod(method, 'POST');
    return handleSearch(context, info, org);
  }
  if (path === 'streams') {
    requireMethod(method, 'GET');
    return handleListStreams(context, info, org);
  }
  if (rest.length === 3 && rest[0] === 'streams' && rest[2] === 'schema') {
    requireMethod(method, 'GET');
    return handleStreamSchema(context, info, org, rest[1]!);
  }
  if (rest.length === 3 && rest[0] === 'streams' && rest[2] === 'settings') {
    if (method !== 'POST' && method !== 'PUT') {
      throw new HttpError(405, 'Method Not Allowed', { plain: true, headers: { allow: 'POST, PUT' } });
    }
    return handleStreamSettings(context, info, org, rest[1]!, method === 'POST' ? 'create' : 'update');
  }
  if (path === 'ingest/metrics/_json') {
    requireMethod(method, 'POST');
    return handleMetricsIngest(context, info, org);
  }
  if (TRACE_PATHS.has(path)) {
    requireMethod(method, 'POST');
    return handleTracesIngest(context, info, org);
  }
  if (path === '_bulk') {
    requireMethod(method, 'POST');
    return handleBulkIngest(context, info, org);
  }
  if (path === 'v1/logs' || path === 'v1/metrics' || path === '_hec') {
    throw new HttpError(501, `${path} is not supported by shoptel-devserver (see its README)`);
  }
  if (rest.length === 2 && (rest[1] === '_json' || rest[1] === '_multi')) {
    requireMethod(method, 'POST');
    return handleLogIngest(context, info, org, rest[0]!, rest[1] === '_json' ? 'json' : 'ndjson');
  }
  throw new HttpError(404, 'Not Found');
}

function requireMethod(actual: string, expected: string): void {
  if (actual !== expected && !(expected === 'GET' && actual === 'HEAD')) {
    throw new HttpError(405, 'Method Not Allowed', { plain: true, headers: { allow: expected } });
  }
}
