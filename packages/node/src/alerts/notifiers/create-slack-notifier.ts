import type { NotificationMessage } from '../notification-message.js';
import { postForNotifier } from './classify-http-response.js';
import { checkUrlConfig, requireUrl } from './create-webhook-notifier.js';
import type { Notifier } from './notifier.js';
import { renderAlertLines, renderNotificationTitle } from './render-notification-text.js';

/** Slack caps a section's text at 3000 characters and a message at 50 blocks. */
const MAX_SECTION_CHARS = 3000;
const MAX_ALERT_BLOCKS = 45;

/** The incoming-webhook body: `text` (the notification fallback) plus `blocks`. */
export function toSlackPayload(message: NotificationMessage): { text: string; blocks: unknown[] } {
  const title = renderNotificationTitle(message);
  const lines = renderAlertLines(message);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
    ...lines
      .slice(0, MAX_ALERT_BLOCKS)
      .map((line) => ({ type: 'section', text: { type: 'mrkdwn', text: line.slice(0, MAX_SECTION_CHARS) } })),
  ];
  if (lines.length > MAX_ALERT_BLOCKS)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${lines.length - MAX_ALERT_BLOCKS} more` }],
    });
  return { text: `${title}\n${lines.join('\n')}`.slice(0, 39_000), blocks };
}

/** Slack incoming webhook (`config.url`). 429 honours `Retry-After`; 400/403/404/410 are permanent. */
export function createSlackNotifier(): Notifier {
  return {
    checkConfig: checkUrlConfig,
    async send(message, channel, attempt) {
      await postForNotifier(
        'slack',
        requireUrl(channel),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(toSlackPayload(message)),
        },
        attempt.signal,
        attempt.nowMs,
      );
    },
  };
}
