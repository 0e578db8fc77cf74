import build from 'pino-abstract-transport';
import { createLogClient } from '../log-transport/create-log-client.js';
import { BACKLOG_SLICE_LINES, createLineBacklog } from './create-line-backlog.js';
import { parsePinoLine } from './parse-pino-line.js';
import type { ShoptelPinoOptions } from './pino-transport-options.js';
import { toPinoRecord } from './to-pino-record.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

// pino-abstract-transport parses every line even in 'lines' mode; the backlog parses later.
const keepLine = (line: string) => line;

/**
 * The pino transport: pino loads this module in its worker thread and pipes the lines into the
 * stream returned here, so parsing and HTTP never touch the app's thread. Lines are read at once
 * and handled on later turns (see `createLineBacklog`); each goes to the core client (bounded queue, batching, retry, masking); `logger.flush(cb)` calls back once what
 * was written so far is delivered or settled; when pino ends the stream (on `exit`, after
 * `flushSync`) the client drains before the worker stops — pino waits up to 10 s for that.
 *
 * @example
 * const logger = pino(pino.transport({ target: '@shoptel/node/pino' })); // OPENOBSERVE_* from env
 */
export default async function createPinoTransport(options: ShoptelPinoOptions = {}) {
  const { messageKey = 'msg', ...clientOptions } = options;
  const log = createLogClient(clientOptions);
  const { client, stream: target } = log;
  // Room for a slice in the client's queue, or an outage (then its bound drops the oldest).
  const maxQueued = log.maxQueueEvents - BACKLOG_SLICE_LINES;
  let source: { pause(): void; resume(): void } | undefined;
  const backlog = createLineBacklog({
    handle: (line) => client.send(target, toPinoRecord(parsePinoLine(line), messageKey)),
    canHandle: () => {
      const stats = client.stats();
      return stats.outage || stats.queued < maxQueued;
    },
    setPaused: (paused) => (paused ? source?.pause() : source?.resume()),
  });
  const stream = await build(
    (lines) => {
      source = lines;
      lines.on('data', (line: string) => backlog.push(line));
    },
    {
      parse: 'lines',
      parseLine: keepLine,
      metadata: false,
      close: async () => {
        // Part of the drain's time for the backlog; what is still waiting then goes in at once
        // (the client's bound drops the oldest if the server is still away).
        const started = Date.now();
        await Promise.race([backlog.settle(), delay(log.shutdownTimeoutMs / 2)]);
        backlog.drain();
        await log.shutdown(Math.max(1000, log.shutdownTimeoutMs - (Date.now() - started)));
      },
    },
  );
  // thread-stream calls `flush` for `logger.flush(cb)`, once the worker has read every line
  // written before it: hand the waiting ones over and answer when they are delivered.
  Object.assign(stream, {
    flush: async () => {
      await backlog.settle();
      await client.flush();
    },
  });
  return stream;
}
