import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpTransport } from '../node/create-node-http-transport.js';
import { type FaultSink, SinkFault, startFaultSink } from '../testing/sink/start-fault-sink.js';
import { createKyTransport } from './create-ky-transport.js';
import { type Transport, TransportError } from './transport.js';

let sink: FaultSink | undefined;
afterEach(async () => {
  await sink?.stop();
  sink = undefined;
});

const faults = [SinkFault.ok, SinkFault.rateLimited, SinkFault.reset, SinkFault.slowBeforeStore];

describe.each([
  ['ky (fetch)', () => createKyTransport()],
  ['node keep-alive sockets', () => createNodeHttpTransport()],
])('%s transport against a real server', (_, makeTransport: () => Transport) => {
  it('resolves every HTTP status, and rejects with the kind of failure when no answer came', async () => {
    sink = await startFaultSink({ plan: (i) => faults[i] ?? SinkFault.ok, slowMs: 1000 });
    const transport = makeTransport();
    const request = (timeoutMs = 2000) => ({
      url: `${sink!.url}/api/default/s/_json`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: '[{"a":1}]',
      timeoutMs,
    });

    const ok = await transport.send(request());
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ code: 200, status: [{ successful: 1, failed: 0 }] });

    const limited = await transport.send(request());
    expect(limited).toMatchObject({ status: 429, headers: { 'retry-after': '1' } });

    // On a fresh transport: a reused keep-alive socket that closes before any byte of its answer is
    // what a server's idle close looks like, and the node transport retries that once on a new one.
    const reset = await makeTransport()
      .send(request())
      .catch((error: unknown) => error);
    expect(reset).toBeInstanceOf(TransportError);
    expect((reset as TransportError).kind).toBe('network');

    const slow = await transport.send(request(200)).catch((error: unknown) => error);
    expect(slow).toBeInstanceOf(TransportError);
    expect((slow as TransportError).kind).toBe('timeout');
  });

  it('rejects at once when aborted', async () => {
    sink = await startFaultSink({ plan: () => SinkFault.slowBeforeStore, slowMs: 5000 });
    const transport = makeTransport();
    const controller = new AbortController();
    const pending = transport.send({
      url: `${sink.url}/api/default/s/_json`,
      method: 'POST',
      headers: {},
      body: '[]',
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(TransportError);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
