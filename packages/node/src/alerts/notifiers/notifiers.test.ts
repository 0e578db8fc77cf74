// Notifiers against real servers on 127.0.0.1: HTTP receivers for the webhook, Slack and a
// Twilio-shaped API, and a real SMTP server (smtp-server) read back for e-mail.
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpAnswer, startRecordingServer } from '../../../test/recording-http-server.js';
import type { NotificationConfig } from '../alert-types.js';
import type { NotificationMessage } from '../notification-message.js';
import { createEmailNotifier } from './create-email-notifier.js';
import { createSlackNotifier } from './create-slack-notifier.js';
import { createSmsNotifier } from './create-sms-notifier.js';
import { createWebhookNotifier } from './create-webhook-notifier.js';
import { NotifierError } from './notifier.js';
import { signStandardWebhook, verifyStandardWebhook } from './sign-standard-webhook.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const message: NotificationMessage = {
  version: '4',
  groupKey: 'rule-1:{alertname="PaymentFailureShare"}',
  status: 'firing',
  receiver: 'notifications[0]',
  ruleId: 'rule-1',
  ruleName: 'PaymentFailureShare',
  severity: 'high',
  groupLabels: { alertname: 'PaymentFailureShare' },
  commonLabels: { alertname: 'PaymentFailureShare' },
  commonAnnotations: { description: 'failed payments above 5%' },
  notificationReason: 'first',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'PaymentFailureShare', provider: 'stripe' },
      annotations: {
        summary: 'PaymentFailureShare: failed payments above 5% (Current: 12.5, Threshold: > 5)',
      },
      startsAt: '2026-12-07T04:00:00.000Z',
      endsAt: '',
      fingerprint: 'abc',
      value: 12.5,
    },
  ],
};
const attempt = (n = 1, timeoutMs = 5000) => ({
  deliveryId: 'msg_test_1',
  attempt: n,
  signal: AbortSignal.timeout(timeoutMs),
  nowMs: Date.now(),
});
const ch = (type: NotificationConfig['type'], config: Record<string, unknown>): NotificationConfig => ({
  type,
  enabled: true,
  config,
});
async function failure(promise: Promise<unknown>): Promise<NotifierError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotifierError);
  return error as NotifierError;
}

describe('Standard Webhooks signature', () => {
  it('matches the test vector of the Standard Webhooks reference libraries', () => {
    const signature = signStandardWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('webhook notifier', () => {
  it('posts the message with webhook-id, webhook-timestamp and a v1 HMAC over id.ts.body a receiver can verify', async () => {
    const server = await startRecordingServer();
    closers.push(server.close);
    const secret = `whsec_${Buffer.from('a-32-byte-secret-for-the-tests!!').toString('base64')}`;
    await createWebhookNotifier().send(
      message,
      ch('webhook', { url: `${server.url}/hook`, secret }),
      attempt(),
    );
    const [req] = server.requests;
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['webhook-id']).toBe('msg_test_1');
    expect(JSON.parse(req?.body ?? '')).toEqual(message);
    // Verified independently of our signer: HMAC-SHA256 with the base64-decoded key.
    const ts = String(req?.headers['webhook-timestamp']);
    const mac = createHmac('sha256', Buffer.from('a-32-byte-secret-for-the-tests!!'))
      .update(`msg_test_1.${ts}.${req?.body}`)
      .digest('base64');
    expect(req?.headers['webhook-signature']).toBe(`v1,${mac}`);
    expect(
      verifyStandardWebhook(
        secret,
        { id: 'msg_test_1', timestamp: ts, signature: `v1,bogus v1,${mac}` },
        req?.body ?? '',
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);
    expect(
      verifyStandardWebhook(
        secret,
        { id: 'msg_test_1', timestamp: ts, signature: `v1,${mac}` },
        `${req?.body} `,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(false);
  });

  it('classifies answers: 503 and 429 (with Retry-After) retryable, 400 and 3xx permanent, a slow receiver a timeout', async () => {
    const answers: HttpAnswer[] = [
      { status: 503 },
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 400, body: 'bad' },
      { status: 301, headers: { location: '/elsewhere' } },
      { status: 200, delayMs: 1000 },
    ];
    const server = await startRecordingServer((_req, i) => answers[i] ?? { status: 200 });
    closers.push(server.close);
    const send = (timeoutMs = 5000) =>
      createWebhookNotifier().send(message, ch('webhook', { url: server.url }), attempt(1, timeoutMs));
    expect(await failure(send())).toMatchObject({ retryable: true, status: 503, kind: 'status' });
    expect(await failure(send())).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
    expect(await failure(send())).toMatchObject({ retryable: false, status: 400 });
    expect(await failure(send())).toMatchObject({ retryable: false, status: 301 });
    expect(await failure(send(200))).toMatchObject({ retryable: true, kind: 'timeout' });
  });

  it('treats a refused connection as a retryable network error', async () => {
    const server = await startRecordingServer();
    await server.close();
    expect(
      await failure(createWebhookNotifier().send(message, ch('webhook', { url: server.url }), attempt())),
    ).toMatchObject({ retryable: true, kind: 'network' });
  });
});

describe('Slack notifier', () => {
  it('posts text plus blocks to the incoming webhook', async () => {
    const server = await startRecordingServer(() => ({ status: 200, body: 'ok' }));
    closers.push(server.close);
    await createSlackNotifier().send(
      message,
      ch('slack', { url: `${server.url}/services/T0/B0/X0` }),
      attempt(),
    );
    const body = JSON.parse(server.requests[0]?.body ?? '{}');
    expect(server.requests[0]?.path).toBe('/services/T0/B0/X0');
    expect(body.text).toContain('[FIRING:1] PaymentFailureShare (high)');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '[FIRING:1] PaymentFailureShare (high)' },
    });
    expect(body.blocks[1].type).toBe('section');
    expect(body.blocks[1].text.text).toContain('provider=stripe');
  });
});

describe('SMS notifier (Twilio-shaped API on 127.0.0.1)', () => {
  it('posts To/From/Body form-encoded with Basic auth to /2010-04-01/Accounts/{sid}/Messages.json', async () => {
    const server = await startRecordingServer(() => ({
      status: 201,
      body: JSON.stringify({ sid: 'SM123', status: 'queued' }),
      headers: { 'content-type': 'application/json' },
    }));
    closers.push(server.close);
    const sms = createSmsNotifier({ accountSid: 'AC123', authToken: 'token-xyz', baseUrl: server.url });
    await sms.send(message, ch('sms', { to: '+15550100', from: '+15550199' }), attempt());
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from('AC123:token-xyz').toString('base64')}`);
    const form = new URLSearchParams(req?.body);
    expect(form.get('To')).toBe('+15550100');
    expect(form.get('From')).toBe('+15550199');
    expect(form.get('Body')).toMatch(/^\[FIRING:1\] PaymentFailureShare/);
    expect(form.get('Body')!.length).toBeLessThanOrEqual(1600);
  });

  it('refuses a number that is not E.164, permanently', async () => {
    const sms = createSmsNotifier({ accountSid: 'AC1', authToken: 't', baseUrl: 'http://127.0.0.1:1' });
    expect(
      await failure(sms.send(message, ch('sms', { to: '0555', from: '+15550199' }), attempt())),
    ).toMatchObject({ retryable: false, kind: 'config' });
  });
});

describe('e-mail notifier (real SMTP server)', () => {
  async function startSmtp(onRcpt: (address: string) => number | undefined) {
    const received: { from: string; to: string[]; raw: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = onRcpt(address.address);
        if (code === undefined) return callback();
        const error = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), {
          responseCode: code,
        });
        return callback(error);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { port, received };
  }

  it('delivers a message the server receives and we read back', async () => {
    const smtp = await startSmtp(() => undefined);
    const email = createEmailNotifier({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      from: 'alerts@shop.example',
    });
    await email.send(message, ch('email', { to: 'oncall@shop.example' }), attempt());
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.from).toBe('alerts@shop.example');
    expect(mail?.to).toEqual(['oncall@shop.example']);
    expect(mail?.raw).toMatch(/^Subject: \[FIRING:1\] PaymentFailureShare \(high\)/m);
    expect(mail?.raw).toContain('Message-ID: <msg_test_1@shoptel.alerts>');
    expect(mail?.raw).toMatch(/^References: <[0-9a-f]{24}@shoptel\.alerts>/m);
    expect(mail?.raw).toContain('provider=3Dstripe'); // quoted-printable body
  });

  it('SMTP 421 is retryable, 550 permanent', async () => {
    const smtp = await startSmtp((address) => (address.startsWith('busy') ? 421 : 550));
    const email = createEmailNotifier({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      from: 'alerts@shop.example',
    });
    expect(
      await failure(email.send(message, ch('email', { to: 'busy@shop.example' }), attempt())),
    ).toMatchObject({ retryable: true, status: 421 });
    expect(
      await failure(email.send(message, ch('email', { to: 'gone@shop.example' }), attempt())),
    ).toMatchObject({ retryable: false, status: 550 });
    expect(smtp.received).toEqual([]);
  });
});
