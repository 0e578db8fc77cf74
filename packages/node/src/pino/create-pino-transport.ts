import build from 'pino-abstract-transport';
import { createLogClient } from '../log-transport/create-log-client.js';
import { createLineBacklog } from './create-line-backlog.js';
import { parsePinoLine } from './parse-pino-line.js';
import type { ShoptelPinoOptions } from './pino-transport-options.js';
import { toPinoRecord } from './to-pino-record.js';

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
  const backlog = createLineBacklog((line) =>
    client.send(target, toPinoRecord(parsePinoLine(line), messageKey)),
  );
  const stream = await build(
    (source) => {
      source.on('data', (line: string) => backlog.push(line));
    },
    {
      parse: 'lines',
      parseLine: keepLine,
      metadata: false,
      close: () => {
        backlog.drain();
        return log.shutdown();
      },
    },
  );
  // thread-stream calls `flush` for `logger.flush(cb)`, once the worker has read every line
  // written before it: hand the waiting ones over and answer when they are delivered.
  Object.assign(stream, {
    flush: () => {
      backlog.drain();
      return client.flush();
    },
  });
  return stream;
}
