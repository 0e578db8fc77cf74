import type { NotificationConfig } from '../alert-types.js';
import { postForNotifier } from './classify-http-response.js';
import { type Notifier, NotifierError } from './notifier.js';
import { signStandardWebhook } from './sign-standard-webhook.js';

/**
 * Generic JSON webhook: the Alertmanager v4-shaped message as the body, signed per Standard
 * Webhooks when the channel has a `secret` (`webhook-id` is the delivery id, the same on every
 * retry, so receivers can dedupe; `webhook-timestamp` is new on each attempt). Channel config:
 * `{ url, secret?, headers? }`.
 */
export function createWebhookNotifier(): Notifier {
  return {
    async send(message, channel, attempt) {
      const url = requireUrl(channel);
      const body = JSON.stringify(message);
      const timestamp = Math.floor(attempt.nowMs / 1000);
      const headers: Record<string, string> = {
        ...(channel.config.headers as Record<string, string> | undefined),
        'content-type': 'application/json',
        'webhook-id': attempt.deliveryId,
        'webhook-timestamp': String(timestamp),
      };
      const secret = channel.config.secret;
      if (typeof secret === 'string' && secret !== '')
        headers['webhook-signature'] = signStandardWebhook(secret, attempt.deliveryId, timestamp, body);
      await postForNotifier('webhook', url, { method: 'POST', headers, body }, attempt.signal, attempt.nowMs);
    },
    checkConfig: checkUrlConfig,
  };
}

/** A webhook or Slack channel's config problems: `url` must be an http(s) URL (not shown: it may hold a token). */
export function checkUrlConfig(config: Record<string, unknown>): [string, string][] {
  return isHttpUrl(config.url) ? [] : [['url', 'must be an http(s) URL']];
}

function isHttpUrl(url: unknown): url is string {
  return typeof url === 'string' && /^https?:\/\//.test(url) && URL.canParse(url);
}

/** The channel's `config.url`, or a permanent error naming the field (never the URL: it may hold a token). */
export function requireUrl(channel: NotificationConfig): string {
  const url = channel.config.url;
  if (!isHttpUrl(url))
    throw new NotifierError(`${channel.type}: config.url must be an http(s) URL`, {
      retryable: false,
      kind: 'config',
    });
  return url;
}
