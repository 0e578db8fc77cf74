import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOriginListed, resolveCorsOrigins } from '../src/http/resolve-cors-origins.js';
import type { DevServer } from '../src/index.js';
import { AUTH, startTestServer } from './helpers.js';
import { runCli, stopCli } from './run-cli.js';

/** A read a page would send, with the Basic credentials a page could know. */
function readFrom(server: DevServer, origin: string): Promise<Response> {
  return fetch(`${server.url}/api/default/streams`, { headers: { origin, authorization: AUTH } });
}

function preflightFrom(server: DevServer, origin: string): Promise<Response> {
  return fetch(`${server.url}/api/default/_search`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

describe('CORS by default: this machine’s pages only', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('gives https://evil.example no grant, for the preflight or the request', async () => {
    const preflight = await preflightFrom(server, 'https://evil.example');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    const answer = await readFrom(server, 'https://evil.example');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('vary')).toBe('Origin');
  });

  it('grants http://localhost:3000, echoed with credentials, and its preflight', async () => {
    const preflight = await preflightFrom(server, 'http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('stream-name');
    const answer = await readFrom(server, 'http://localhost:3000');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(answer.headers.get('access-control-expose-headers')).toContain('x-error-message');
  });

  it.each(['http://127.0.0.1:8080', 'http://[::1]:5173', 'http://localhost'])('grants %s', async (origin) => {
    const answer = await readFrom(server, origin);
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it.each([
    'http://localhost.evil.example',
    'http://localhost:3000.evil.example',
    'https://localhost:3000',
    'http://127.0.0.1.nip.io:80',
    'null',
  ])('gives %s no grant', async (origin) => {
    const answer = await readFrom(server, origin);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS widened with corsOrigin', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startTestServer({ corsOrigin: 'https://shop.example/, http://10.0.0.5:*' });
  });
  afterAll(() => server.stop());

  it('grants the listed origins and still this machine’s, nobody else', async () => {
    for (const origin of ['https://shop.example', 'http://10.0.0.5:3000', 'http://localhost:3000']) {
      const answer = await readFrom(server, origin);
      expect(answer.headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    const answer = await readFrom(server, 'https://evil.example');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the --cors-origin flag of the built CLI', () => {
  it('widens CORS to the origins it lists', async () => {
    const { child, url } = await runCli(['--cors-origin', 'https://shop.example,http://10.0.0.5:*']);
    try {
      const server = { url, port: 0, dataPath: ':memory:', stop: async () => {} };
      expect(
        (await readFrom(server, 'http://10.0.0.5:8080')).headers.get('access-control-allow-origin'),
      ).toBe('http://10.0.0.5:8080');
      expect(
        (await readFrom(server, 'https://evil.example')).headers.get('access-control-allow-origin'),
      ).toBeNull();
    } finally {
      await stopCli(child);
    }
  });

  it('refuses a value that is not an origin', async () => {
    await expect(runCli(['--cors-origin', 'shop.example'])).rejects.toThrow('cli exited 1');
  });
});

describe('CORS for every origin, only when * is named', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startTestServer({ corsOrigin: ['*'] });
  });
  afterAll(() => server.stop());

  it('answers * without credentials to other origins', async () => {
    const answer = await readFrom(server, 'https://evil.example');
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await preflightFrom(server, 'https://evil.example');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('resolveCorsOrigins', () => {
  it('keeps the loopback origins, drops paths and refuses what is not an origin', () => {
    expect(resolveCorsOrigins('HTTPS://Shop.Example/app')).toEqual([
      'http://localhost:*',
      'http://127.0.0.1:*',
      'http://[::1]:*',
      'https://shop.example',
    ]);
    expect(() => resolveCorsOrigins('shop.example')).toThrow(/"shop.example" is not an origin/);
    expect(() => resolveCorsOrigins('https://*')).toThrow(/not an origin/);
  });

  it('matches a :* pattern for any port or none, nothing longer', () => {
    const patterns = ['http://localhost:*'];
    expect(isOriginListed('http://LOCALHOST:3000', patterns)).toBe(true);
    expect(isOriginListed('http://localhost', patterns)).toBe(true);
    expect(isOriginListed('http://localhost:3000x', patterns)).toBe(false);
    expect(isOriginListed('http://localhost:', patterns)).toBe(false);
  });
});
