import { type Clock, type ConfigProblem, ShoptelConfigError, type ShoptelOptions } from '@shoptel/core';
import type { AlertStore } from './alert-store.js';
import type { ChannelType } from './alert-types.js';
import type { Notifiers } from './notifiers/notifier.js';
import type { AlertQuery } from './run-rule-query.js';

/** Why the engine reports through `onError`. */
export type AlertEngineErrorReason =
  | 'rule_evaluation_failed'
  | 'notification_failed'
  | 'lease_lost'
  | 'store_failed';

export interface AlertEngineError {
  reason: AlertEngineErrorReason;
  message: string;
  ruleId?: string;
  deliveryId?: string;
}

/** Timings of grouping, delivery and leases; every one has the default of `alerting-anchors.md` §7.3. */
export interface AlertEngineTimings {
  /** Wait before a new group's first notification. @default 30_000 */
  groupWaitMs?: number;
  /** Between two flushes of a group. @default 300_000 */
  groupIntervalMs?: number;
  /** Re-send an unchanged firing group after this long (rounded up to a flush). @default 14_400_000 */
  repeatIntervalMs?: number;
  /** Resolved alerts are kept this long, then forgotten. @default 900_000 */
  resolvedRetentionMs?: number;
  /** A downtime longer than this restarts pending alerts from scratch. @default 3_600_000 */
  outageToleranceMs?: number;
  /** One query's time limit. @default 30_000 */
  queryTimeoutMs?: number;
  /** A rule's lease. @default 3 × queryTimeoutMs */
  leaseMs?: number;
  /** A delivery attempt's lease. @default 60_000 */
  deliveryLeaseMs?: number;
  /** How often the engine looks at the shared store for work other engines left. @default 10_000 */
  pollIntervalMs?: number;
  /** Finished deliveries, expired silences and old notification-log entries are kept this long. @default 432_000_000 (120 h) */
  retentionMs?: number;
  /** Which channel types hear about resolves, unless a channel's `config.sendResolved` says otherwise. */
  sendResolved?: Partial<Record<ChannelType, boolean>>;
}

export interface AlertEngineOptions {
  /** Where OpenObserve is (url, organization, auth); used to build the search client. */
  config?: ShoptelOptions;
  /** Runs the rules' queries. @default createSearchClient(resolveConfig(config)) */
  query?: AlertQuery;
  store: AlertStore;
  notifiers: Notifiers;
  /** @default systemClock */
  clock?: Clock;
  timings?: AlertEngineTimings;
  /** This engine's name in leases. @default a random UUID */
  owner?: string;
  /** Backoff jitter source in [0, 1). @default Math.random */
  random?: () => number;
  /** Everything the engine could not do; never throws into the host. */
  onError?: (error: AlertEngineError) => void;
}

export const DEFAULT_GROUP_WAIT_MS = 30_000;
export const DEFAULT_GROUP_INTERVAL_MS = 300_000;
export const DEFAULT_REPEAT_INTERVAL_MS = 4 * 3_600_000;
export const DEFAULT_RESOLVED_RETENTION_MS = 15 * 60_000;
export const DEFAULT_OUTAGE_TOLERANCE_MS = 3_600_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;
export const DEFAULT_POLL_INTERVAL_MS = 10_000;
/** Alertmanager's `--data.retention`. */
export const DEFAULT_RETENTION_MS = 120 * 3_600_000;
/** Webhook and Slack hear about resolves; e-mail and SMS (which costs money) do not. */
export const DEFAULT_SEND_RESOLVED: Record<ChannelType, boolean> = {
  webhook: true,
  slack: true,
  email: false,
  sms: false,
};

export type ResolvedTimings = Required<Omit<AlertEngineTimings, 'sendResolved'>> & {
  sendResolved: Record<ChannelType, boolean>;
};

/** Timings that may be 0 (send at once, keep nothing); every other one must be above 0. */
const MAY_BE_ZERO: ReadonlySet<string> = new Set(['groupWaitMs', 'resolvedRetentionMs', 'outageToleranceMs']);

/**
 * The engine's own settings, checked at start-up: a timing that is not a finite number (`'5m'`,
 * `NaN`, a negative one) would otherwise turn into a timer that fires at once, over and over.
 */
export function checkAlertEngineOptions(options: AlertEngineOptions): void {
  const problems: ConfigProblem[] = [];
  const given = options as Partial<AlertEngineOptions> | null | undefined;
  if (typeof given !== 'object' || given === null)
    throw new ShoptelConfigError([
      { field: 'options', message: 'must be an object with store and notifiers' },
    ]);
  if (typeof given.store !== 'object' || given.store === null)
    problems.push({
      field: 'store',
      message: 'is required (openSqliteAlertStore, openPostgresAlertStore, …)',
    });
  if (typeof given.notifiers !== 'object' || given.notifiers === null)
    problems.push({ field: 'notifiers', message: 'must be an object of channel type → notifier' });
  for (const [name, value] of Object.entries(given.timings ?? {})) {
    if (name === 'sendResolved' || value === undefined) continue;
    const floor = MAY_BE_ZERO.has(name) ? 0 : Number.MIN_VALUE;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < floor)
      problems.push({
        field: `timings.${name}`,
        message: `must be a number of milliseconds ${floor === 0 ? '≥ 0' : 'above 0'}; got ${JSON.stringify(value) ?? String(value)}`,
      });
  }
  if (problems.length > 0) throw new ShoptelConfigError(problems);
}

/** Fills in the defaults once. */
export function resolveAlertEngineTimings(timings: AlertEngineTimings = {}): ResolvedTimings {
  const queryTimeoutMs = timings.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  return {
    groupWaitMs: timings.groupWaitMs ?? DEFAULT_GROUP_WAIT_MS,
    groupIntervalMs: timings.groupIntervalMs ?? DEFAULT_GROUP_INTERVAL_MS,
    repeatIntervalMs: timings.repeatIntervalMs ?? DEFAULT_REPEAT_INTERVAL_MS,
    resolvedRetentionMs: timings.resolvedRetentionMs ?? DEFAULT_RESOLVED_RETENTION_MS,
    outageToleranceMs: timings.outageToleranceMs ?? DEFAULT_OUTAGE_TOLERANCE_MS,
    queryTimeoutMs,
    leaseMs: timings.leaseMs ?? 3 * queryTimeoutMs,
    deliveryLeaseMs: timings.deliveryLeaseMs ?? 60_000,
    pollIntervalMs: timings.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    retentionMs: timings.retentionMs ?? DEFAULT_RETENTION_MS,
    sendResolved: { ...DEFAULT_SEND_RESOLVED, ...timings.sendResolved },
  };
}
