import type { ShoptelConfig } from '@shoptel/core';

/** OpenObserve's stream types the settings API takes. */
export type StreamType = 'logs' | 'metrics' | 'traces';

/** The settings one stream should have. */
export interface StreamTarget {
  stream: string;
  type: StreamType;
  /** OpenObserve's `data_retention`, whole days. */
  dataRetention: number;
  /** Fields that must be among `full_text_search_keys` (so `match_all` searches them). */
  fullTextKeys: string[];
}

/**
 * What each configured stream should look like, from the config's `streams` and `retention`
 * (`OPENOBSERVE_RETENTION_*`): the log streams get the logs retention, business events their
 * own, all of them `message` as a full-text key; traces the traces retention. Metrics are one
 * stream per metric name in OpenObserve, so their retention is applied to the metrics streams
 * that exist (see `ensureStreams`).
 */
export function planStreams(config: ShoptelConfig): StreamTarget[] {
  const { streams, retention } = config;
  const logs = (stream: string, dataRetention: number): StreamTarget => ({
    stream,
    type: 'logs',
    dataRetention,
    fullTextKeys: ['message'],
  });
  return [
    logs(streams.applicationLogs, retention.logs),
    logs(streams.businessEvents, retention.businessEvents),
    logs(streams.userBehavior, retention.logs),
    { stream: streams.traces, type: 'traces', dataRetention: retention.traces, fullTextKeys: [] },
  ];
}
