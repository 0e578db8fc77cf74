import build from 'pino-abstract-transport';
import { createLogClient } from '../log-transport/create-log-client.js';
import type { ShoptelPinoOptions } from './pino-transport-options.js';
import { toPinoRecord } from './to-pino-record.js';

/**
 * The pino transport: pino loads this module in its worker thread and pipes the lines into the
 * stream returned here, so parsing and HTTP never touch the app's thread. Each line goes to the
 * core client (bounded queue, batching, retry, masking); `logger.flush(cb)` calls back once what
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
  const stream = await build(
    (source) => {
      // 'data' rather than `for await`: a line reaches the client as soon as the worker reads it,
      // so a flush asked for after a write finds the line already queued.
      source.on('data', (line: Record<string, unknown>) =>
        client.send(target, toPinoRecord(line, messageKey)),
      );
    },
    { close: () => log.shutdown() },
  );
  // thread-stream calls `flush` for `logger.flush(cb)`: answer once the lines are delivered.
  Object.assign(stream, { flush: () => client.flush() });
  return stream;
}
