/**
 * Authentication (reference §5): Basic only on OSS; 401 JSON without credentials, 401 plain text with
 * `WWW-Authenticate` for bad ones; RUM intake takes a per-user token in `o2-api-key` instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, IngestBody } from './response-types.js';
import {
  basicAuthHeader,
  type ContractTarget,
  contractTargetKind,
  DEVSERVER_RUM_TOKEN,
  readHttpResult,
  skipBecause,
  startContractTarget,
} from './target.js';
import { recentWindowUs } from './time-window.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

function postJson(path: string, body: unknown, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  return target
    .fetchPath(path, { method: 'POST', auth: false, headers, body: JSON.stringify(body) })
    .then((response) => readHttpResult<ErrorBody>(response));
}

const ingestPath = () => `/api/${target.org}/${target.uniqueStream('auth')}/_json`;
const searchBody = () => {
  const { startUs, endUs } = recentWindowUs();
  return { query: { sql: 'SELECT * FROM "auth_probe"', start_time: startUs, end_time: endUs } };
};

describe('Basic authentication', () => {
  it('ingestion without credentials answers 401 {"code":401,"message":"Unauthorized Access"}', async () => {
    const result = await postJson(ingestPath(), [{ message: 'x' }]);

    expect(result.status).toBe(401);
    expect(result.body).toEqual({ code: 401, message: 'Unauthorized Access' });
  });

  it('search without credentials answers 401 {"code":401,"message":"Unauthorized Access"}', async () => {
    const result = await postJson(`/api/${target.org}/_search`, searchBody());

    expect(result.status).toBe(401);
    expect(result.body).toEqual({ code: 401, message: 'Unauthorized Access' });
  });

  it('a wrong password answers 401 plain text with WWW-Authenticate: Bearer realm="openobserve"', async () => {
    const result = await postJson(
      ingestPath(),
      [{ message: 'x' }],
      basicAuthHeader('root@example.com', 'wrong'),
    );

    expect(result.status).toBe(401);
    expect(result.text).toContain('Unauthorized Access');
    expect(result.headers.get('www-authenticate')).toBe('Bearer realm="openobserve"');
  });

  it('an unknown user answers 401 like a wrong password', async () => {
    const result = await postJson(
      ingestPath(),
      [{ message: 'x' }],
      basicAuthHeader('nobody@example.com', 'x'),
    );

    expect(result.status).toBe(401);
  });

  it('a Bearer token is refused with 401 (OSS accepts only Basic)', async () => {
    const result = await postJson(ingestPath(), [{ message: 'x' }], 'Bearer not-a-dex-jwt');

    expect(result.status).toBe(401);
  });

  it('the right Basic credentials are accepted on ingestion', async () => {
    const result = await postJson(ingestPath(), [{ message: 'x' }], target.authHeader);

    expect(result.status).toBe(200);
  });
});

describe('RUM intake /rum/v1/{org}/rum (not under /api)', () => {
  const rumEvent = () => `${JSON.stringify({ type: 'view', date: Date.now(), view: { url: '/cart' } })}\n`;

  function postRum(query: string) {
    return target
      .fetchPath(`/rum/v1/${target.org}/rum${query}`, {
        method: 'POST',
        auth: false,
        headers: { 'content-type': 'text/plain' },
        body: rumEvent(),
      })
      .then((response) => readHttpResult<IngestBody>(response));
  }

  it('without o2-api-key answers 401', async () => {
    expect((await postRum('')).status).toBe(401);
  });

  it('with an unknown RUM token answers 403', async () => {
    expect((await postRum('?o2-api-key=rumNotARealToken00')).status).toBe(403);
  });

  const noRumToken = contractTargetKind() === 'openobserve' && !process.env.OPENOBSERVE_RUM_TOKEN;
  it.skipIf(
    skipBecause(
      noRumToken,
      'RUM success needs a per-user RUM token on OpenObserve: set OPENOBSERVE_RUM_TOKEN',
    ),
  )('with a valid RUM token answers HTTP 202 with the ingestion body for stream _rumdata', async () => {
    const token = process.env.OPENOBSERVE_RUM_TOKEN ?? DEVSERVER_RUM_TOKEN;
    const result = await postRum(`?o2-api-key=${encodeURIComponent(token)}&o2source=browser`);

    expect(result.status).toBe(202);
    expect(result.body?.code).toBe(200);
    expect(result.body?.status?.[0]).toMatchObject({ name: '_rumdata', successful: 1, failed: 0 });
  });
});

describe('health', () => {
  it('GET /healthz answers 200 without credentials', async () => {
    const response = await target.fetchPath('/healthz', { auth: false });
    // OpenObserve answers {"status":"ok"}; not in the reference, so only the status is contract.
    expect(response.status).toBe(200);
  });
});
