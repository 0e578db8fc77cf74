import {
  authorizationHeader,
  createCredentialRedactor,
  type ShoptelConfig,
  type Transport,
} from '@shoptel/core';
import { createNodeHttpTransport } from '@shoptel/core/node';
import type { StreamChange } from './stream-change.js';
import { planStreams, type StreamTarget, type StreamType } from './stream-plan.js';

/** Options of {@link ensureStreams}. */
export interface EnsureStreamsOptions {
  /** How requests are made. @default a keep-alive `node:http` transport, closed afterwards */
  transport?: Transport;
  /** Work out and return the changes without making them. @default false */
  dryRun?: boolean;
}

interface CurrentSettings {
  data_retention?: number;
  full_text_search_keys?: string[];
}

/**
 * Creates or updates each configured stream's settings on OpenObserve with its stream-settings
 * API: `data_retention` in days from `retention` (`OPENOBSERVE_RETENTION_*`), `message` among the
 * full-text keys of the log streams. A stream without settings is created with `POST`; an
 * existing one gets one `PUT` with only what differs (full-text keys are added, never removed).
 * Running it again changes nothing. Metrics retention goes to every metrics stream that exists.
 * Resolves with one {@link StreamChange} per stream; a stream that fails is reported as `failed`
 * and the others are still applied.
 *
 * @example
 * for (const change of await ensureStreams(configFromEnv(process.env))) console.log(describeStreamChange(change));
 */
export async function ensureStreams(
  config: ShoptelConfig,
  options: EnsureStreamsOptions = {},
): Promise<StreamChange[]> {
  const ownTransport = options.transport === undefined ? createNodeHttpTransport() : undefined;
  const transport = options.transport ?? ownTransport!;
  const base = `${config.url.replace(/\/+$/, '')}/api/${encodeURIComponent(config.organization)}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization = authorizationHeader(config.auth);
  if (authorization !== undefined) headers.authorization = authorization;

  // A proxy in front of OpenObserve may echo the request's Authorization header in its error page,
  // and that text goes into `error` and the CLI's output.
  const redactCredentials = createCredentialRedactor(config.auth);

  const request = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => {
    const answer = await transport.send({
      url: `${base}${path}`,
      method,
      headers,
      timeoutMs: config.timeoutMs,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const response = redactCredentials === undefined ? answer : redactCredentials(answer);
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text: response.body };
  };
  const failure = (status: number, json: unknown, text: string) => {
    const message = (json as { message?: unknown } | undefined)?.message;
    return `HTTP ${status}: ${typeof message === 'string' ? message : text.slice(0, 200)}`;
  };
  const settingsPath = (stream: string, type: StreamType) =>
    `/streams/${encodeURIComponent(stream)}/settings?type=${type}`;

  async function apply(target: StreamTarget): Promise<StreamChange> {
    const { stream, type } = target;
    const change: StreamChange = { stream, type, action: 'unchanged', changes: [] };
    try {
      const current = await request('GET', `/streams/${encodeURIComponent(stream)}/schema?type=${type}`);
      if (current.status === 404) {
        change.action = 'created';
        change.changes.push(`data_retention ${target.dataRetention}`);
        if (target.fullTextKeys.length > 0)
          change.changes.push(`full_text_search_keys ${target.fullTextKeys.join(', ')}`);
        if (options.dryRun) return change;
        const created = await request('POST', settingsPath(stream, type), {
          data_retention: target.dataRetention,
          full_text_search_keys: target.fullTextKeys,
        });
        if (created.status >= 300) throw new Error(failure(created.status, created.json, created.text));
        return change;
      }
      if (current.status >= 300) throw new Error(failure(current.status, current.json, current.text));
      const settings = ((current.json as { settings?: CurrentSettings } | undefined)?.settings ??
        {}) as CurrentSettings;
      const update: Record<string, unknown> = {};
      const retention = settings.data_retention ?? 0;
      if (retention !== target.dataRetention) {
        update.data_retention = target.dataRetention;
        change.changes.push(`data_retention ${retention} → ${target.dataRetention}`);
      }
      const keys = new Set(settings.full_text_search_keys ?? []);
      const missing = target.fullTextKeys.filter((key) => !keys.has(key));
      if (missing.length > 0) {
        update.full_text_search_keys = { add: missing };
        change.changes.push(`full_text_search_keys + ${missing.join(', ')}`);
      }
      if (change.changes.length === 0) return change;
      change.action = 'updated';
      if (options.dryRun) return change;
      const updated = await request('PUT', settingsPath(stream, type), update);
      if (updated.status >= 300) throw new Error(failure(updated.status, updated.json, updated.text));
      return change;
    } catch (error) {
      return { stream, type, action: 'failed', changes: [], error: (error as Error).message };
    }
  }

  try {
    const targets = planStreams(config);
    const metrics = await request('GET', '/streams?type=metrics').catch((error: Error) => ({
      status: 0,
      json: undefined,
      text: error.message,
    }));
    const changes: StreamChange[] = [];
    for (const target of targets) changes.push(await apply(target));
    if (metrics.status === 200) {
      const list = ((metrics.json as { list?: { name?: unknown }[] } | undefined)?.list ?? []).flatMap((s) =>
        typeof s.name === 'string' ? [s.name] : [],
      );
      for (const stream of list.sort())
        changes.push(
          await apply({ stream, type: 'metrics', dataRetention: config.retention.metrics, fullTextKeys: [] }),
        );
    } else {
      changes.push({
        stream: '(metrics streams)',
        type: 'metrics',
        action: 'failed',
        changes: [],
        error: metrics.status === 0 ? metrics.text : failure(metrics.status, metrics.json, metrics.text),
      });
    }
    return changes;
  } finally {
    ownTransport?.close();
  }
}
