import { randomBytes } from 'node:crypto';
import { sql } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { useDevServer } from '../../test/devserver.js';
import { startHttpServer } from '../../test/http-server.js';

const dev = useDevServer();
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const CARD = '4111111111111111';

describe('trace relay: the storefront spans are masked before they are forwarded', () => {
  it('masks card numbers and secret query parameters, hides secret-named attributes', async () => {
    const { shoptel, errors } = dev.shoptel({ serviceName: 'trace-relay-masking' });
    const relay = shoptel.traceRelay();
    const app = await startHttpServer((req, res) => relay(req, res));
    const traceId = hex(16);
    const now = BigInt(Date.now()) * 1_000_000n;
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'storefront-web' } }] },
          scopeSpans: [
            {
              scope: { name: '@shoptel/browser' },
              spans: [
                {
                  traceId,
                  spanId: hex(8),
                  name: `POST /pay/${CARD}`,
                  kind: 3,
                  startTimeUnixNano: String(now - 5_000_000n),
                  endTimeUnixNano: String(now),
                  attributes: [
                    {
                      key: 'url.full',
                      value: { stringValue: `https://shop.example/pay?token=abc123&card=${CARD}` },
                    },
                    { key: 'app.password', value: { stringValue: 'hunter2' } },
                    { key: 'app.cards', value: { arrayValue: { values: [{ stringValue: `x ${CARD}` }] } } },
                  ],
                  events: [
                    {
                      name: 'typed',
                      timeUnixNano: String(now),
                      attributes: [{ key: 'input', value: { stringValue: CARD } }],
                    },
                  ],
                  status: { code: 2, message: `declined ${CARD}` },
                },
              ],
            },
          ],
        },
      ],
    });
    const response = await fetch(`${app.url}/shoptel/traces`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    await app.close();
    await shoptel.shutdown();
    expect(errors).toEqual([]);

    const [span] = await dev.rows<Record<string, unknown>>(
      sql`SELECT * FROM ${sql.id('traces')} WHERE trace_id = ${traceId}`,
      'traces',
    );
    const stored = JSON.stringify(span);
    for (const leak of [CARD, 'abc123', 'hunter2']) expect(stored).not.toContain(leak);
    expect(span).toMatchObject({
      operation_name: 'POST /pay/************1111',
      url_full: 'https://shop.example/pay?token=[REDACTED]&card=[REDACTED]',
      app_password: '[REDACTED]',
      status_message: 'declined ************1111',
    });
  });
});
