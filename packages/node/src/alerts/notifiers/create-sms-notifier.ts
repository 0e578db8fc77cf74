import { postForNotifier } from './classify-http-response.js';
import { type Notifier, NotifierError } from './notifier.js';
import { renderNotificationText } from './render-notification-text.js';

export interface SmsNotifierOptions {
  accountSid: string;
  authToken: string;
  /** A Twilio-compatible API. @default 'https://api.twilio.com' */
  baseUrl?: string;
}

const MAX_SMS_CHARS = 1600;
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * SMS through Twilio's Messages API: a form-encoded POST with Basic auth, `To` and `From` or
 * `MessagingServiceSid` from the channel config, `Body` at most 1600 characters. Twilio has no
 * idempotency key, so the engine retries a timed-out SMS at most once.
 */
export function createSmsNotifier(options: SmsNotifierOptions): Notifier {
  const base = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return {
    checkConfig(config) {
      const problems: [string, string][] = [];
      if (typeof config.to !== 'string' || !E164.test(config.to))
        problems.push(['to', 'must be an E.164 number such as +15550100']);
      if (typeof config.from !== 'string' && typeof config.messagingServiceSid !== 'string')
        problems.push(['from', 'config.from or config.messagingServiceSid is required']);
      return problems;
    },
    async send(message, channel, attempt) {
      const { to, from, messagingServiceSid } = channel.config as Record<string, unknown>;
      if (typeof to !== 'string' || !E164.test(to))
        throw new NotifierError('sms: config.to must be an E.164 number such as +15550100', {
          retryable: false,
          kind: 'config',
        });
      const form = new URLSearchParams({
        To: to,
        Body: renderNotificationText(message).slice(0, MAX_SMS_CHARS),
      });
      if (typeof messagingServiceSid === 'string') form.set('MessagingServiceSid', messagingServiceSid);
      else if (typeof from === 'string') form.set('From', from);
      else
        throw new NotifierError('sms: config.from or config.messagingServiceSid is required', {
          retryable: false,
          kind: 'config',
        });
      await postForNotifier(
        'sms',
        url,
        {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        },
        attempt.signal,
        attempt.nowMs,
      );
    },
  };
}
