// One benchmark subject in this process: `node --expose-gc bench/subject.mjs <suite> <subject> <out.json>`.
// Suites compare shoptel with its peer on the same work:
//   logger    logger.logOrderEvent(id, event, metadata)  vs  pino logger.info(obj, msg) → pino.destination
//   counter   counter.inc(1, {method, status})            vs  prom-client counter.inc({method, status}, 1)
//   histogram histogram.observe(v, {method, status})      vs  prom-client histogram.observe({method, status}, v)
//   span      tracing.startBusinessSpan(name).end()       vs  OTel tracer.startSpan(name).end()
// shoptel's logger ships through a transport that answers OpenObserve's 200 at once (no HTTP), as
// pino writes to /dev/null: both count serialization and the deferred work, not the network.
import { createRequire } from 'node:module';
import { createShoptel } from '@shoptel/node';
import { measure, writeResult } from './lib/harness.mjs';

const require = createRequire(import.meta.url);
const [suite, subjectName] = process.argv.slice(2);
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const STATUSES = ['200', '201', '404', '500'];
const labelsOf = (i) => ({ method: METHODS[i & 3], status: STATUSES[(i >> 2) & 3] });

/**
 * A transport answering OpenObserve's success at once, counting the records it got. Counting is
 * the sink's work, not the client's: searching every body cost about 0.4 µs a record, so its CPU
 * time is measured and left out of shoptel's figure (`untimedUs`, subtracted by the harness).
 */
function answeringTransport() {
  let records = 0;
  let countingUs = 0;
  return {
    records: () => records,
    untimedUs: () => countingUs,
    send(request) {
      const before = process.cpuUsage();
      // Counted without parsing. Core hands over its batch bytes (a Uint8Array view) or a string;
      // a Buffer over the same memory searches either.
      const { body } = request;
      const text =
        typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      let n = 0;
      for (let at = text.indexOf('{"_timestamp":'); at !== -1; at = text.indexOf('{"_timestamp":', at + 14))
        n++;
      records += n;
      const counted = process.cpuUsage(before);
      countingUs += counted.user + counted.system;
      return Promise.resolve({
        status: 200,
        headers: {},
        body: `{"code":200,"status":[{"name":"s","successful":${n},"failed":0}]}`,
      });
    },
  };
}
const discardingExporter = () => {
  let spans = 0;
  return {
    spans: () => spans,
    export(batch, done) {
      spans += batch.length;
      done({ code: 0 });
    },
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  };
};
const shoptelWith = (extra) =>
  createShoptel({ url: 'http://127.0.0.1:9', auth: { username: 'bench', password: 'bench' }, ...extra });

const SUITES = {
  logger: {
    shoptel() {
      const transport = answeringTransport();
      const shoptel = shoptelWith({ transport, serviceName: 'bench', currency: 'EUR' });
      return {
        call: (i) =>
          shoptel.logger.logOrderEvent(`o-${i}`, 'created', {
            amount: 99.5,
            channel: 'web',
            items: 3,
            coupon: 'SPRING',
            customerTier: 'gold',
            warehouse: 'w1',
          }),
        settle: () => shoptel.flush(),
        untimedUs: transport.untimedUs,
        check: () => ({ ...shoptel.stats(), shipped: transport.records() }),
      };
    },
    pino() {
      const pino = require('pino');
      const dest = pino.destination({ dest: '/dev/null', sync: false });
      const logger = pino(dest);
      return {
        call: (i) =>
          logger.info(
            {
              orderId: `o-${i}`,
              event: 'created',
              amount: 99.5,
              currency: 'EUR',
              channel: 'web',
              items: 3,
              coupon: 'SPRING',
              customerTier: 'gold',
              warehouse: 'w1',
            },
            `Order event: created for order o-${i}`,
          ),
        settle: () => new Promise((resolve) => logger.flush(() => resolve())),
        check: () => ({}),
      };
    },
  },
  counter: {
    shoptel() {
      const counter = shoptelWith({}).metrics.registerCounter('http_requests_total', 'Requests');
      return {
        call: (i) => counter.inc(1, labelsOf(i)),
        settle: async () => {},
        check: () => ({ value: counter.get({ method: 'GET', status: '200' }) }),
      };
    },
    'prom-client': () => {
      const client = require('prom-client');
      const counter = new client.Counter({
        name: 'http_requests_total',
        help: 'Requests',
        labelNames: ['method', 'status'],
        registers: [],
      });
      return { call: (i) => counter.inc(labelsOf(i), 1), settle: async () => {}, check: () => ({}) };
    },
  },
  histogram: {
    shoptel() {
      const histogram = shoptelWith({}).metrics.registerHistogram('http_seconds', 'Latency');
      return {
        call: (i) => histogram.observe((i % 100) / 100, labelsOf(i)),
        settle: async () => {},
        check: () => ({}),
      };
    },
    'prom-client': () => {
      const client = require('prom-client');
      const histogram = new client.Histogram({
        name: 'http_seconds',
        help: 'Latency',
        labelNames: ['method', 'status'],
        registers: [],
      });
      return {
        call: (i) => histogram.observe(labelsOf(i), (i % 100) / 100),
        settle: async () => {},
        check: () => ({}),
      };
    },
  },
  span: {
    shoptel() {
      const exporter = discardingExporter();
      const shoptel = shoptelWith({ tracing: { enabled: true, samplingRate: 1, exporter } });
      return {
        call: () => shoptel.tracing.startBusinessSpan('reserve_stock').end(),
        settle: () => shoptel.flush(),
        check: () => ({ exported: exporter.spans() }),
      };
    },
    otel() {
      const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
      const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
      const { context } = require('@opentelemetry/api');
      // As an app runs OTel: with an AsyncLocalStorage context manager (shoptel registers one too).
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      const exporter = discardingExporter();
      const provider = new BasicTracerProvider({
        spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 8192 })],
      });
      const tracer = provider.getTracer('bench');
      return {
        call: () => tracer.startSpan('reserve_stock').end(),
        settle: () => provider.forceFlush(),
        check: () => ({ exported: exporter.spans() }),
      };
    },
  },
};

const subject = SUITES[suite]?.[subjectName]?.();
if (subject === undefined) {
  console.error(`unknown subject ${suite}/${subjectName}`);
  process.exit(2);
}
const result = await measure(subject);
writeResult({ suite, subject: subjectName, ...result, check: subject.check() });
process.exit(0);
