import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { parseUserAgent } from '../src/ingest/parse-user-agent.js';
import { search, startTestServer } from './helpers.js';

const MAC_CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36';

let server: DevServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function postRum(query: string, body: string, headers: Record<string, string> = {}) {
  const answer = await fetch(`${server.url}/rum/v1/default/rum?o2-api-key=rumABC&${query}`, {
    method: 'POST',
    headers: { 'user-agent': MAC_CHROME, ...headers },
    body,
  });
  expect(answer.status).toBe(202);
}

async function hitOf(marker: string) {
  const found = await search(server, `SELECT * FROM "_rumdata" WHERE type = '${marker}'`);
  expect(found.json.hits, found.text).toHaveLength(1);
  return found.json.hits[0];
}

// The cases of OpenObserve's regression tests for body tags (issue #12351).
describe('RUM ootags', () => {
  it('expands ootags sent in the body, as the browser SDKs send them', async () => {
    await postRum(
      'o2source=browser',
      `${JSON.stringify({ type: 'body-tags', ootags: 'sdk_version:0.3.4,api:fetch,env:staging,version:1.2.0' })}\n`,
    );
    expect(await hitOf('body-tags')).toMatchObject({
      env: 'staging',
      version: '1.2.0',
      sdk_version: '0.3.4',
      api: 'fetch',
      o2source: 'browser',
    });
  });

  it('takes o2tags too, keeps colons in a value, and lets the query win over the body', async () => {
    await postRum(
      'ootags=env:from-query',
      `${JSON.stringify({ type: 'precedence', o2tags: 'env:body,ns:a:b' })}\n`,
    );
    expect(await hitOf('precedence')).toMatchObject({
      env: 'from-query',
      ns: 'a:b',
      ootags: 'env:from-query',
    });
  });
});

describe('RUM user agent and ip', () => {
  it('stores the parsed User-Agent as user_agent_* fields and the forwarded ip', async () => {
    await postRum('o2source=browser', '{"type":"ua"}\n', { 'x-forwarded-for': '182.70.14.246' });
    expect(await hitOf('ua')).toMatchObject({
      ip: '182.70.14.246',
      user_agent_user_agent_family: 'Chrome',
      user_agent_user_agent_major: '120',
      user_agent_user_agent_minor: '0',
      user_agent_user_agent_patch: '6099',
      user_agent_os_family: 'Mac OS X',
      user_agent_os_major: '10',
      user_agent_os_minor: '15',
      user_agent_os_patch: '7',
      user_agent_device_family: 'Mac',
      user_agent_device_brand: 'Apple',
      user_agent_device_model: 'Mac',
    });
  });

  it('names agents as uap-core does', () => {
    const headless = parseUserAgent(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.139 Safari/537.36',
    );
    expect(headless).toEqual({
      device: { family: 'Other' },
      os: { family: 'Linux' },
      user_agent: { family: 'HeadlessChrome', major: '131', minor: '0', patch: '6778' },
    });
    expect(parseUserAgent('').user_agent).toEqual({ family: 'Other' });
  });
});
