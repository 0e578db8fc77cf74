import type { Clock } from '@shoptel/core';
import type { AlertStore } from './alert-store.js';
import type { ChannelType } from './alert-types.js';
import type { AttemptOutcome, ClaimedDelivery } from './delivery-record.js';
import { NotifierError, type Notifiers } from './notifiers/notifier.js';
import { parseTimeWindow } from './parse-time-window.js';

export const DEFAULT_MAX_RETRIES = 8;
export const DEFAULT_RETRY_INTERVAL = '1s';
export const MAX_BACKOFF_MS = 60_000;
/** Per-attempt timeouts (`alerting-anchors.md` §7.3); a channel's `config.timeoutMs` overrides. */
export const DEFAULT_CHANNEL_TIMEOUT_MS: Record<ChannelType, number> = {
  webhook: 15_000,
  slack: 10_000,
  email: 30_000,
  sms: 10_000,
};

export interface AttemptDeps {
  store: AlertStore;
  notifiers: Notifiers;
  clock: Clock;
  /** In [0, 1); drives the ±50 % backoff jitter. */
  random: () => number;
  onFailed: (claim: ClaimedDelivery, error: string) => void;
}

/**
 * One attempt of one delivery this engine has leased. The store's fence is checked first, so an
 * engine that lost the lease while paused does not send. Only retryable failures are retried
 * (exponential backoff from the channel's `retryPolicy`, ±50 % jitter, `Retry-After` honoured);
 * an SMS that timed out is retried at most once, since Twilio has no idempotency key.
 */
export async function attemptDelivery(claim: ClaimedDelivery, deps: AttemptDeps): Promise<void> {
  const { store, clock } = deps;
  if (!(await store.beginAttempt(claim))) return;
  const { delivery } = claim;
  const attempt = delivery.attempts + 1;
  const channel = delivery.channel;
  let outcome: AttemptOutcome;
  try {
    const notifier = deps.notifiers[channel.type];
    if (!notifier)
      throw new NotifierError(`no notifier for channel type '${channel.type}'`, {
        retryable: false,
        kind: 'config',
      });
    const timeoutMs =
      typeof channel.config.timeoutMs === 'number'
        ? channel.config.timeoutMs
        : DEFAULT_CHANNEL_TIMEOUT_MS[channel.type];
    await withAttemptTimeout(clock, timeoutMs, (signal) =>
      notifier.send(delivery.message, channel, {
        deliveryId: delivery.deliveryId,
        attempt,
        signal,
        nowMs: clock.now(),
      }),
    );
    outcome = { kind: 'sent', at: clock.now() };
  } catch (caught) {
    const error =
      caught instanceof NotifierError
        ? caught
        : new NotifierError(String((caught as Error)?.message ?? caught), {
            retryable: false,
            kind: 'config',
          });
    const maxRetries = channel.retryPolicy?.maxRetries ?? DEFAULT_MAX_RETRIES;
    const smsAmbiguous = channel.type === 'sms' && error.kind === 'timeout' && attempt >= 2;
    const now = clock.now();
    if (error.retryable && attempt <= maxRetries && !smsAmbiguous) {
      const initial = parseTimeWindow(
        channel.retryPolicy?.retryInterval ?? DEFAULT_RETRY_INTERVAL,
        'retryPolicy.retryInterval',
      );
      const backoff =
        Math.min(MAX_BACKOFF_MS, initial * 2 ** (attempt - 1)) * (1 + (deps.random() * 2 - 1) * 0.5);
      const delay = error.retryAfterMs ?? Math.round(backoff);
      outcome = { kind: 'retry', at: now, nextAttemptAt: now + delay, error: error.message };
    } else {
      outcome = { kind: 'failed', at: now, error: error.message };
    }
  }
  if ((await store.finishAttempt(claim, outcome)) && outcome.kind === 'failed')
    deps.onFailed(claim, outcome.error);
}

/** Runs `send` with an abort signal fired by the engine's clock after `timeoutMs`. */
function withAttemptTimeout(
  clock: Clock,
  timeoutMs: number,
  send: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  return new Promise<void>((resolve, reject) => {
    const timer = clock.setTimeout(() => {
      controller.abort();
      reject(new NotifierError(`no answer within ${timeoutMs} ms`, { retryable: true, kind: 'timeout' }));
    }, timeoutMs);
    send(controller.signal).then(
      () => {
        clock.clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
