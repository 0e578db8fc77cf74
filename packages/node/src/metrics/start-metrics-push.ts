import {
  authorizationHeader,
  type Clock,
  type Compressor,
  type ShoptelConfig,
  type TimerHandle,
  type Transport,
} from '@shoptel/core';
import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import type { MetricEntry } from './metric-entry.js';
import { toMetricSamples } from './to-metric-samples.js';

/** Samples per request: a 1,000-series histogram of 11 buckets is 14,000 samples, 14 requests. */
export const MAX_SAMPLES_PER_REQUEST = 1000;

export interface MetricsPushDeps {
  entries: () => Iterable<MetricEntry>;
  transport: Transport;
  compressor: Compressor | undefined;
  compressAboveBytes: number;
  config: ShoptelConfig;
  intervalMs: number;
  /** Labels of every sample (`service`). */
  extraLabels: Readonly<Record<string, string>>;
  clock: Clock;
  report: ErrorReporter;
}

/** The running push: `push()` now (and wait), `stop()` after a last push. */
export interface MetricsPush {
  push(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Pushes every series to `POST /api/{org}/ingest/metrics/_json` each `intervalMs`, on a timer that
 * does not keep the process alive. Not through the core client: that one adds `event_id` and
 * `event_time` to every record, and on the metrics endpoint every extra field is a label, so each
 * sample would start a new series. Values are cumulative, so a failed push is reported and not
 * retried: the next one carries the same counts. One push at a time; an overlapping tick waits.
 */
export function startMetricsPush(deps: MetricsPushDeps): MetricsPush {
  const { transport, compressor, compressAboveBytes, config, clock, report } = deps;
  const url = `${config.url}/api/${encodeURIComponent(config.organization)}/ingest/metrics/_json`;
  const authorization = authorizationHeader(config.auth);
  let running: Promise<void> | undefined;
  let timer: TimerHandle | undefined;
  let stopped = false;

  async function postChunk(samples: object[]): Promise<void> {
    let body: string | Uint8Array = JSON.stringify(samples);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    if (compressor !== undefined && body.length >= compressAboveBytes) {
      body = await compressor.compress(body);
      headers['content-encoding'] = compressor.encoding;
    }
    const fail = (message: string, status?: number) =>
      report({
        reason: NodeErrorReason.metricsPushFailed,
        message,
        count: samples.length,
        ...(status ? { status } : {}),
      });
    try {
      const response = await transport.send({
        url,
        method: 'POST',
        headers,
        body,
        timeoutMs: config.timeoutMs,
      });
      if (response.status !== 200) {
        fail(`metrics push answered ${response.status}: ${response.body.slice(0, 300)}`, response.status);
        return;
      }
      const failed = failedSamples(response.body);
      if (failed > 0)
        fail(
          `the server refused ${failed} of ${samples.length} metric samples: ${response.body.slice(0, 300)}`,
        );
    } catch (error) {
      fail(`metrics push failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function pushAll(): Promise<void> {
    const samples = toMetricSamples(deps.entries(), clock.now() * 1000, deps.extraLabels);
    for (let at = 0; at < samples.length; at += MAX_SAMPLES_PER_REQUEST) {
      await postChunk(samples.slice(at, at + MAX_SAMPLES_PER_REQUEST));
    }
  }

  function push(): Promise<void> {
    const previous = running ?? Promise.resolve();
    const next = previous.then(pushAll).catch((error: unknown) => {
      report({
        reason: 'internal',
        message: `metrics push failed inside shoptel: ${String(error)}`,
        count: 0,
      });
    });
    running = next;
    void next.finally(() => {
      if (running === next) running = undefined;
    });
    return next;
  }

  function schedule() {
    if (stopped) return;
    timer = clock.setTimeout(() => {
      void push().finally(schedule);
    }, deps.intervalMs);
  }
  schedule();

  return {
    push,
    async stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      await push();
    },
  };
}

/** `status[].failed` summed, from OpenObserve's `{"code":200,"status":[{name,successful,failed}]}`. */
function failedSamples(body: string): number {
  try {
    const parsed = JSON.parse(body) as { status?: { failed?: unknown }[] };
    let failed = 0;
    for (const item of parsed.status ?? []) if (typeof item.failed === 'number') failed += item.failed;
    return failed;
  } catch {
    return 0;
  }
}
