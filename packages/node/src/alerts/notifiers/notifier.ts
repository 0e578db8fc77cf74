import type { NotificationConfig } from '../alert-types.js';
import type { NotificationMessage } from '../notification-message.js';

/** One attempt's context: the stable delivery id, the attempt number, and the abort on timeout. */
export interface NotifyAttempt {
  deliveryId: string;
  /** 1 for the first attempt. */
  attempt: number;
  signal: AbortSignal;
  /** Current time in ms (the engine's clock), e.g. for `webhook-timestamp`. */
  nowMs: number;
}

/** Sends one message to one channel; resolves on success, rejects with a {@link NotifierError}. */
export interface Notifier {
  send(message: NotificationMessage, channel: NotificationConfig, attempt: NotifyAttempt): Promise<void>;
  /**
   * What is wrong with a channel's `config` for this notifier, as `[field, message]` pairs
   * (`['url', 'must be an http(s) URL']`): checked when a rule is saved, so a channel that could
   * never deliver is refused then, not found out when the alert fires.
   */
  checkConfig?(config: Record<string, unknown>): [field: string, message: string][];
}

/** Channel kinds to notifiers. */
export type Notifiers = Partial<Record<NotificationConfig['type'], Notifier>>;

/** A failed attempt, classified: only `retryable` ones are tried again. */
export class NotifierError extends Error {
  readonly retryable: boolean;
  /** Server-asked delay before the next attempt (`Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined;
  /** HTTP status or SMTP reply code, when there was one. */
  readonly status: number | undefined;
  /** `timeout` when the attempt ran out of time: the request may have been received (ambiguous). */
  readonly kind: 'status' | 'network' | 'timeout' | 'config';
  constructor(
    message: string,
    options: {
      retryable: boolean;
      kind: NotifierError['kind'];
      status?: number;
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'NotifierError';
    this.retryable = options.retryable;
    this.kind = options.kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}
