import { createHash } from 'node:crypto';
import { type ConfigProblem, ShoptelConfigError } from '@shoptel/core';
import { type Notifier, NotifierError } from './notifier.js';
import { renderNotificationText, renderNotificationTitle } from './render-notification-text.js';

export interface EmailNotifierOptions {
  host: string;
  /** @default 587 */
  port?: number;
  /** TLS from the start (port 465). @default port === 465 */
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** Default sender; a channel's `config.from` overrides. */
  from: string;
  /** Skip STARTTLS (a local relay or a test server). @default false */
  ignoreTLS?: boolean;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
}

/**
 * E-mail over SMTP with nodemailer (an optional dependency, loaded on first send). Timeouts are
 * short for alerting (10 s connect, 10 s greeting, 30 s socket) instead of nodemailer's minutes.
 * SMTP 4xx replies and connection failures are retried; 5xx and authentication failures are not.
 * Firing and resolve messages of one group thread together (`References` from the group key).
 */
export function createEmailNotifier(options: EmailNotifierOptions): Notifier {
  checkEmailOptions(options);
  let transport:
    | Promise<{ sendMail(mail: Record<string, unknown>): Promise<{ rejected: unknown[]; response: string }> }>
    | undefined;
  const open = () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: options.host,
        port: options.port ?? 587,
        secure: options.secure ?? options.port === 465,
        ignoreTLS: options.ignoreTLS ?? false,
        ...(options.auth ? { auth: options.auth } : {}),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    );
    return transport;
  };
  return {
    async send(message, channel, attempt) {
      const to = channel.config.to;
      if (typeof to !== 'string' && !Array.isArray(to))
        throw new NotifierError('email: config.to is required', { retryable: false, kind: 'config' });
      const thread = `<${createHash('sha256').update(message.groupKey).digest('hex').slice(0, 24)}@shoptel.alerts>`;
      let info: { rejected: unknown[]; response: string };
      try {
        info = await (await open()).sendMail({
          from: typeof channel.config.from === 'string' ? channel.config.from : options.from,
          to,
          subject: renderNotificationTitle(message),
          text: renderNotificationText(message),
          messageId: `<${attempt.deliveryId}@shoptel.alerts>`,
          references: thread,
          inReplyTo: thread,
          headers: { 'X-Shoptel-Delivery-Id': attempt.deliveryId },
        });
      } catch (error) {
        throw classifySmtpError(error as SmtpError, attempt.signal.aborted);
      }
      if (info.rejected.length > 0)
        throw new NotifierError(`email: rejected recipients (${info.response})`, {
          retryable: false,
          kind: 'status',
        });
    },
    checkConfig(config) {
      const to = config.to;
      const listed = typeof to === 'string' ? to.trim() !== '' : Array.isArray(to) && to.length > 0;
      const allText = Array.isArray(to)
        ? to.every((one) => typeof one === 'string' && one.trim() !== '')
        : true;
      const problems: [string, string][] = [];
      if (!listed || !allText) problems.push(['to', 'must be an address or a non-empty list of addresses']);
      if (config.from !== undefined && (typeof config.from !== 'string' || config.from.trim() === ''))
        problems.push(['from', 'must be an address']);
      return problems;
    },
  };
}

/** The notifier's own settings, checked when it is created (a missing host fails every send). */
function checkEmailOptions(options: EmailNotifierOptions): void {
  const given = (options ?? {}) as Partial<EmailNotifierOptions>;
  const problems: ConfigProblem[] = [];
  if (typeof given.host !== 'string' || given.host.trim() === '')
    problems.push({ field: 'host', message: 'is required (the SMTP server)' });
  if (given.port !== undefined && !(Number.isInteger(given.port) && given.port > 0 && given.port < 65_536))
    problems.push({ field: 'port', message: `must be a port number; got ${JSON.stringify(given.port)}` });
  if (typeof given.from !== 'string' || given.from.trim() === '')
    problems.push({ field: 'from', message: 'is required (the default sender address)' });
  if (
    given.auth !== undefined &&
    (typeof given.auth?.user !== 'string' || typeof given.auth?.pass !== 'string')
  )
    problems.push({ field: 'auth', message: 'must be { user, pass } (strings)' });
  if (problems.length > 0) throw new ShoptelConfigError(problems);
}

/** SMTP 4xx and connection trouble are transient; 5xx and EAUTH are permanent. */
export function classifySmtpError(error: SmtpError, timedOut: boolean): NotifierError {
  const text = `email: ${error.message ?? String(error)}`;
  if (typeof error.responseCode === 'number')
    return new NotifierError(text, {
      retryable: error.responseCode >= 400 && error.responseCode < 500,
      kind: 'status',
      status: error.responseCode,
      cause: error,
    });
  if (error.code === 'EAUTH')
    return new NotifierError(text, { retryable: false, kind: 'status', cause: error });
  return new NotifierError(text, {
    retryable: true,
    kind: timedOut || error.code === 'ETIMEDOUT' ? 'timeout' : 'network',
    cause: error,
  });
}
