// Values as people paste them into an environment: an uppercase scheme, a token with the secret
// file's newline or the header's scheme word, a hex number. Each either works or is refused with
// a message that names the variable to change, never the secret.
import { describe, expect, it } from 'vitest';
import { authorizationHeader } from './authorization-header.js';
import { configFromEnv } from './config-from-env.js';
import { problemsOf } from './config-test-problems.js';
import { resolveConfig } from './resolve-config.js';

const quiet = { onWarning: () => {} };
const basicToken = Buffer.from('root@example.com:Complexpass#123').toString('base64');

describe('pasted configuration values', () => {
  it('lowercases the scheme and host of the URL and keeps the path prefix as written', () => {
    expect(resolveConfig({ url: 'HTTPS://O2.Example.com:5443/Proxy/O2/' }, quiet).url).toBe(
      'https://o2.example.com:5443/Proxy/O2',
    );
    expect(configFromEnv({ OPENOBSERVE_URL: ' HTTP://[::1]:5080 ' }, quiet).url).toBe('http://[::1]:5080');
  });

  it("removes a token's surrounding whitespace and its header scheme word", () => {
    const basic = configFromEnv({ OPENOBSERVE_TOKEN: `${basicToken}\n` }, quiet);
    expect(authorizationHeader(basic.auth)).toBe(`Basic ${basicToken}`);
    const copied = configFromEnv({ OPENOBSERVE_TOKEN: `Basic ${basicToken}` }, quiet);
    expect(authorizationHeader(copied.auth)).toBe(`Basic ${basicToken}`);
    const bearer = configFromEnv(
      { OPENOBSERVE_AUTH_TYPE: 'bearer', OPENOBSERVE_TOKEN: ' Bearer o2oi_abc \n' },
      quiet,
    );
    expect(authorizationHeader(bearer.auth)).toBe('Bearer o2oi_abc');
  });

  it('names the env variables to change, without echoing the token', () => {
    const bearerAsBasic = problemsOf(() =>
      configFromEnv({ OPENOBSERVE_TOKEN: 'Bearer s3cret-token' }, quiet),
    );
    expect(bearerAsBasic).toEqual([
      { field: 'OPENOBSERVE_TOKEN', message: expect.stringContaining('OPENOBSERVE_AUTH_TYPE') },
    ]);
    const notBase64 = problemsOf(() => configFromEnv({ OPENOBSERVE_TOKEN: 's3cret-token' }, quiet));
    expect(notBase64[0]!.message).toContain('OPENOBSERVE_USERNAME and OPENOBSERVE_PASSWORD');
    const noToken = problemsOf(() => configFromEnv({ OPENOBSERVE_AUTH_TYPE: 'bearer' }, quiet));
    expect(noToken[0]!.message).toContain('OPENOBSERVE_AUTH_TYPE');
    expect(JSON.stringify([bearerAsBasic, notBase64])).not.toContain('s3cret');
  });

  it('reads decimal numbers only, refusing hex and binary notation', () => {
    const problems = problemsOf(() => configFromEnv({ OPENOBSERVE_TRACING_SAMPLING_RATE: '0x1' }, quiet));
    expect(problems.map((p) => p.field)).toEqual(['OPENOBSERVE_TRACING_SAMPLING_RATE']);
    expect(configFromEnv({ OPENOBSERVE_TRACING_SAMPLING_RATE: '.25' }, quiet).tracing.samplingRate).toBe(
      0.25,
    );
    expect(configFromEnv({ OPENOBSERVE_TRACING_SAMPLING_RATE: '1e-1' }, quiet).tracing.samplingRate).toBe(
      0.1,
    );
  });

  it('refuses at start-up a bearer token or a username that cannot go into an Authorization header', () => {
    // Before: accepted, then every request failed inside fetch/node:http with an invalid header
    // value, was retried as a network error into outage mode, and nothing said why.
    for (const token of ['o2oi_abc\ndef', 'o2oi_abc def', 'o2oi_abc\u20ac']) {
      const problems = problemsOf(() =>
        configFromEnv({ OPENOBSERVE_AUTH_TYPE: 'bearer', OPENOBSERVE_TOKEN: token }, quiet),
      );
      expect(problems.map((p) => p.field)).toEqual(['OPENOBSERVE_TOKEN']);
      expect(JSON.stringify(problems)).not.toContain('o2oi_abc');
    }
    // RFC 7617: the user-id of Basic auth cannot contain a colon (the server splits at the first).
    const colon = problemsOf(() =>
      configFromEnv({ OPENOBSERVE_USERNAME: 'root:admin', OPENOBSERVE_PASSWORD: 'Complexpass#123' }, quiet),
    );
    expect(colon.map((p) => p.field)).toEqual(['OPENOBSERVE_USERNAME']);
    // Any password is fine: Basic credentials are base64-encoded.
    const password = configFromEnv(
      { OPENOBSERVE_USERNAME: 'root@example.com', OPENOBSERVE_PASSWORD: 'pässwörd\n€:x' },
      quiet,
    );
    expect(authorizationHeader(password.auth)).toMatch(/^Basic [A-Za-z0-9+/=]+$/);
  });

  it('refuses a URL whose port or host fetch cannot use, naming the variable', () => {
    // Before: accepted, and every request failed locally (Invalid URL) as a network error, so the
    // client sat in outage mode with nothing reported.
    for (const url of [
      'http://localhost:99999',
      'http://localhost:0',
      'http://localhost:50x0',
      'http://[::1]:65536/o2',
      'http://localhost:5080\\evil',
    ]) {
      const problems = problemsOf(() => configFromEnv({ OPENOBSERVE_URL: url }, quiet));
      expect(problems.map((p) => p.field)).toEqual(['OPENOBSERVE_URL']);
    }
    for (const url of [
      'http://localhost:65535',
      'http://[::1]:5080/o2',
      'https://o2.example.com',
      'http://h:1',
    ]) {
      expect(configFromEnv({ OPENOBSERVE_URL: url }, quiet).url).toBe(url);
    }
  });
});
