// The shipping pipelines compared in delivery-cost.mjs. Each returns { emit(i), finish(), close() }:
// emit one order record; finish() after the last emit (no await needed); close() after measuring.
import { createRequire } from 'node:module';
import { MESSAGE, orderFields, orderRecord, STREAM } from './records.mjs';

const require = createRequire(import.meta.url);
const AUTH = { username: 'bench@example.com', password: 'bench' };

async function shoptel(sinkUrl, n, { transport, batchSize }) {
  const { createClient } = await import('@shoptel/core');
  const { createGzipCompressor, createNodeHttpTransport } = await import('@shoptel/core/node');
  const errors = {};
  const options = {
    url: sinkUrl,
    organization: 'default',
    auth: AUTH,
    onError: (e) => {
      errors[e.reason] = (errors[e.reason] ?? 0) + (e.count ?? 0);
    },
  };
  // What @shoptel/node gives the client: the keep-alive Node transport and gzip (above 32 KiB, and not for
  // a loopback URL such as this sink's).
  const nodeTransport = transport === 'node-http' ? createNodeHttpTransport() : undefined;
  if (nodeTransport) {
    options.transport = nodeTransport;
    options.compressor = createGzipCompressor();
  }
  if (batchSize) options.batchSize = batchSize;
  // A 200k burst is queued whole before the first request returns: the queue must hold it. The
  // paced shape gets the same bound, as OTel gets maxQueueSize = N and pino-openobserve has none:
  // with the default 10,000 / 8 MiB, a sender slower than 50k rec/s drops the oldest (counted).
  options.maxQueueEvents = n;
  options.maxQueueBytes = 256 * 1024 * 1024;
  const client = createClient(options);
  return {
    settings: {
      transport:
        transport === 'node-http'
          ? 'createNodeHttpTransport() + createGzipCompressor()'
          : 'default (ky/fetch)',
      batchSize: client.config.batchSize,
      maxInFlight: 2,
      maxQueueEvents: options.maxQueueEvents ?? 'default 10000',
      maxQueueBytes: options.maxQueueBytes ?? 'default 8 MiB',
    },
    emit: (i) => client.send(STREAM, orderRecord(i)),
    finish: () => {},
    // Resolves when every record sent so far is settled (delivered, failed or dropped): a bounded
    // queue that overflowed will never let the sink reach N, so the run ends here instead.
    settled: () => client.flush(),
    close: async () => {
      const stats = await client.shutdown({ timeoutMs: 10_000 });
      nodeTransport?.close();
      return { stats, errors };
    },
  };
}

async function otel(sinkUrl, n) {
  const { LoggerProvider, BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');
  const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-http');
  const exporter = new OTLPLogExporter({ url: `${sinkUrl}/v1/logs` });
  const processor = new BatchLogRecordProcessor({ exporter, maxQueueSize: n });
  const provider = new LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('bench');
  return {
    settings: {
      exporter: 'OTLPLogExporter http/json (node:http keep-alive)',
      maxQueueSize: n,
      maxExportBatchSize: 512,
    },
    emit: (i) =>
      logger.emit({ severityText: 'INFO', severityNumber: 9, body: MESSAGE, attributes: orderFields(i) }),
    finish: () => {
      provider.forceFlush().catch(() => {});
    },
    close: async () => {
      await provider.shutdown();
      return {};
    },
  };
}

async function pinoOpenobserve(sinkUrl) {
  const pino = require('pino');
  const OpenobserveTransport = require('@openobserve/pino-openobserve');
  const logger = pino(
    new OpenobserveTransport({
      url: sinkUrl,
      organization: 'default',
      streamName: 'bench',
      auth: AUTH,
      batchSize: 100,
    }),
  );
  return {
    settings: { form: 'pino(new OpenobserveTransport({...}))', batchSize: 100 },
    emit: (i) => logger.info(orderFields(i), MESSAGE),
    finish: () => {},
    // It leaves a 5-minute timer armed; the run exits explicitly.
    close: async () => ({}),
  };
}

export const PIPELINES = {
  'shoptel-node': (url, n) => shoptel(url, n, { transport: 'node-http' }),
  'shoptel-node-b1000': (url, n) => shoptel(url, n, { transport: 'node-http', batchSize: 1000 }),
  'shoptel-ky': (url, n) => shoptel(url, n, { transport: 'ky' }),
  otel: (url, n) => otel(url, n),
  'pino-openobserve': (url) => pinoOpenobserve(url),
};

export const LABELS = {
  'shoptel-node':
    "shoptel at @shoptel/node's defaults (keep-alive Node transport; gzip, which stays off for a loopback server), batch 100, 2 in flight",
  'shoptel-node-b1000': 'shoptel, keep-alive Node transport (gzip off for loopback), batch 1000, 2 in flight',
  'shoptel-ky': 'shoptel, default ky/fetch transport, batch 100, 2 in flight',
  otel: 'OTel BatchLogRecordProcessor → OTLP/HTTP JSON (maxQueueSize = N)',
  'pino-openobserve': 'pino + @openobserve/pino-openobserve, batch 100, 1 in flight',
};
