import { base64DecodeAscii } from '../encoding/base64.js';
import { normalizeStreamName } from '../wire/normalize-stream-name.js';
import { type ConfigProblem, ShoptelConfigError } from './config-error.js';
import type { RetentionDays, ShoptelConfig, ShoptelOptions, StreamNames } from './config-types.js';
import {
  DEFAULT_ALERTS_EVALUATION_INTERVAL_SECONDS,
  DEFAULT_BATCH_SIZE,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_ORGANIZATION,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_STREAMS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TRACING_SAMPLING_RATE,
  DEFAULT_URL,
} from './defaults.js';
import { parseRetentionDays } from './parse-retention.js';

declare const console: { warn(message: string): void };

/** How {@link resolveConfig} reports, and how it names fields in its errors. */
export interface ResolveConfigContext {
  /** Called when a value is changed, such as a stream name OpenObserve would rename. */
  onWarning?: (message: string) => void;
  /** Names to use in messages instead of option paths (`configFromEnv` passes env names). */
  fieldNames?: Partial<Record<string, string>>;
  /** Problems found before resolving (unparseable env values), reported together. */
  problems?: ConfigProblem[];
}

const URL_WITH_SCHEME = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i;
// Any `@` before the query: `http://user:p/ss@host` puts part of the password in the path.
const URL_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^?#]*@/i;

function redactUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^?#]*@/i, '$1***@');
}
const MAX_BATCH_SIZE = 10_000;
// A token the `Authorization` header can carry (RFC 9110 token68 is narrower; servers vary).
const HEADER_TOKEN = /^[\x21-\x7e]+$/;

/**
 * Validates options and fills every default once. Throws one {@link ShoptelConfigError} naming
 * every invalid field; never includes a credential's value in a message.
 */
export function resolveConfig(
  options: ShoptelOptions = {},
  context: ResolveConfigContext = {},
): ShoptelConfig {
  const problems: ConfigProblem[] = [...(context.problems ?? [])];
  const name = (path: string) => context.fieldNames?.[path] ?? path;
  const warn = context.onWarning ?? ((message: string) => console.warn(`[shoptel] ${message}`));
  const fail = (path: string, message: string) => problems.push({ field: name(path), message });

  const url = typeof options.url === 'string' ? options.url.trim() : DEFAULT_URL;
  if (typeof options.url !== 'string' && options.url !== undefined) {
    fail('url', `must be a string like ${DEFAULT_URL}; got ${typeof options.url}`);
  } else if (URL_USERINFO.test(url)) {
    // fetch refuses such URLs, and the password would show up in every error message.
    fail(
      'url',
      `must not contain credentials (${redactUserinfo(url)}); set auth.username and auth.password instead`,
    );
  } else if (!URL_WITH_SCHEME.test(url)) {
    // Echo the value only when it cannot hold a secret (credentials or a query string).
    const shown = /[@?#]/.test(url) ? 'a value with credentials or a query (not shown)' : `'${url}'`;
    fail('url', `must be an http(s) URL with a scheme and no query, like ${DEFAULT_URL}; got ${shown}`);
  } else {
    const hostProblem = describeHostProblem(url);
    // fetch and node:http refuse such a URL on every request, which would look like an outage.
    if (hostProblem !== undefined) fail('url', `${hostProblem}; got '${url}'`);
  }

  const organization = options.organization ?? DEFAULT_ORGANIZATION;
  if (typeof organization !== 'string' || organization.trim() === '' || /[/?#\s]/.test(organization)) {
    fail(
      'organization',
      `must be a non-empty organization id without '/', '?', '#' or spaces; got ${describeValue(organization)}`,
    );
  }

  const auth = resolveAuth(options.auth ?? {}, fail, name);

  const streams = { ...DEFAULT_STREAMS };
  for (const key of Object.keys(DEFAULT_STREAMS) as (keyof StreamNames)[]) {
    const given = options.streams?.[key];
    if (given === undefined) continue;
    if (typeof given !== 'string') {
      fail(`streams.${key}`, `must be a string; got ${typeof given}`);
      continue;
    }
    const normalized = normalizeStreamName(given);
    if (normalized.replace(/_/g, '') === '') {
      fail(`streams.${key}`, `'${given}' is empty once normalised the way OpenObserve does`);
    } else if (normalized !== given) {
      warn(
        `stream name '${given}' (${name(`streams.${key}`)}) is stored by OpenObserve as '${normalized}'; using '${normalized}'`,
      );
    }
    streams[key] = normalized;
  }

  const retention = { ...DEFAULT_RETENTION_DAYS };
  for (const key of Object.keys(DEFAULT_RETENTION_DAYS) as (keyof RetentionDays)[]) {
    const given = options.retention?.[key];
    if (given === undefined) continue;
    const days =
      typeof given === 'number' || typeof given === 'string' ? parseRetentionDays(given) : undefined;
    if (days === undefined)
      fail(
        `retention.${key}`,
        `must be a positive number of days or a duration like '30d'; got ${describeValue(given)}`,
      );
    else retention[key] = days;
  }

  const batchSize = integerIn('batchSize', options.batchSize, DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE, fail);
  const flushIntervalMs = integerIn(
    'flushIntervalMs',
    options.flushIntervalMs,
    DEFAULT_FLUSH_INTERVAL_MS,
    1,
    3_600_000,
    fail,
  );
  const maxRetries = integerIn('maxRetries', options.maxRetries, DEFAULT_MAX_RETRIES, 0, 100, fail);
  const timeoutMs = integerIn('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 1, 600_000, fail);
  const samplingRate = options.tracing?.samplingRate ?? DEFAULT_TRACING_SAMPLING_RATE;
  if (typeof samplingRate !== 'number' || !(samplingRate >= 0 && samplingRate <= 1)) {
    fail('tracing.samplingRate', `must be a number from 0 to 1; got ${describeValue(samplingRate)}`);
  }
  const evaluationIntervalSeconds = integerIn(
    'alerts.evaluationIntervalSeconds',
    options.alerts?.evaluationIntervalSeconds,
    DEFAULT_ALERTS_EVALUATION_INTERVAL_SECONDS,
    1,
    86_400,
    fail,
  );

  if (problems.length > 0) throw new ShoptelConfigError(problems);
  return {
    // Scheme and host are case-insensitive: one lowercase spelling for every transport
    // (`node:http` picks http or https by the scheme) and for the loopback check. The path
    // (a reverse-proxy prefix such as `/o2`) keeps its case.
    url: url.replace(/^https?:\/\/[^/]+/i, (origin) => origin.toLowerCase()).replace(/\/+$/, ''),
    organization,
    auth,
    streams,
    retention,
    batchSize,
    flushIntervalMs,
    maxRetries,
    timeoutMs,
    tracing: { enabled: options.tracing?.enabled ?? false, samplingRate },
    alerts: { enabled: options.alerts?.enabled ?? false, evaluationIntervalSeconds },
  };
}

/** What is wrong with the URL's host and port (`localhost:99999`, `host\\x`), if anything. */
function describeHostProblem(url: string): string | undefined {
  const authority = url.replace(/^https?:\/\//i, '').split('/')[0]!;
  if (authority.includes('\\')) return 'must not contain a backslash in its host';
  // The port follows the last ':' outside an IPv6 literal's brackets.
  const afterBrackets = authority.slice(authority.lastIndexOf(']') + 1);
  const colon = afterBrackets.indexOf(':');
  if (colon === -1) return undefined;
  const port = afterBrackets.slice(colon + 1);
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65_535)
    return 'must have a port from 1 to 65535';
  return undefined;
}

function integerIn(
  path: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  fail: (path: string, message: string) => void,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `must be a whole number from ${min} to ${max}; got ${describeValue(value)}`);
    return fallback;
  }
  return value;
}

function resolveAuth(
  given: NonNullable<ShoptelOptions['auth']>,
  fail: (path: string, message: string) => void,
  name: (path: string) => string,
): ShoptelConfig['auth'] {
  const type = given.type ?? 'basic';
  if (type !== 'basic' && type !== 'bearer') {
    fail('auth.type', `must be 'basic' or 'bearer'; got ${describeValue(type)}`);
    return { type: 'basic' };
  }
  const auth: ShoptelConfig['auth'] = { type };
  const token = typeof given.token === 'string' ? cleanToken(given.token, type) : given.token;
  if (token !== undefined && token !== '') auth.token = token;
  if (given.username !== undefined && given.username !== '') auth.username = given.username;
  if (given.password !== undefined && given.password !== '') auth.password = given.password;

  if (type === 'bearer') {
    if (!auth.token) fail('auth.token', `is required when ${name('auth.type')} is 'bearer'`);
    else if (typeof auth.token !== 'string' || !HEADER_TOKEN.test(auth.token)) {
      // fetch and node:http refuse such a header value on every request, which the client would
      // retry as a network failure without ever saying why. The value is a secret: not echoed.
      fail('auth.token', 'must be one line of visible ASCII characters without spaces');
    }
    return auth;
  }
  if (typeof auth.username === 'string' && auth.username.includes(':')) {
    fail('auth.username', "cannot contain ':' with Basic auth (the server reads up to the first ':')");
  }
  if ((auth.username === undefined) !== (auth.password === undefined)) {
    fail(
      auth.username === undefined ? 'auth.username' : 'auth.password',
      'Basic auth needs both a username and a password',
    );
  }
  if (auth.token !== undefined && auth.username === undefined) {
    const decoded = base64DecodeAscii(auth.token);
    if (decoded === undefined || !decoded.includes(':')) {
      // The value is a secret: say what shape is expected, never echo it.
      fail(
        'auth.token',
        /^bearer\s/i.test(auth.token)
          ? `looks like a Bearer token, but ${name('auth.type')} is 'basic'; set it to 'bearer' (OpenObserve Enterprise)`
          : `with Basic auth must be base64 of 'user:password' (as OpenObserve's UI shows it), or set ${name('auth.username')} and ${name('auth.password')}`,
      );
    }
  }
  return auth;
}

/**
 * A token as pasted: whitespace around it (a secret file's trailing newline) and the header's own
 * scheme word (`Basic …` copied from OpenObserve's UI, `Bearer …` from an API client) are removed,
 * since neither can be part of a token and either would make every request fail with 401.
 */
function cleanToken(token: string, type: 'basic' | 'bearer'): string {
  const trimmed = token.trim();
  const scheme = type === 'basic' ? /^basic\s+/i : /^bearer\s+/i;
  return trimmed.replace(scheme, '');
}

/** A value for an error message that never throws (Symbols, objects with a bad toString). */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  return `a ${typeof value}`;
}
