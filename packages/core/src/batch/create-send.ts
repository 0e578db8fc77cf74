import type { Clock } from '../clock/clock.js';
import { normalizeStreamName } from '../wire/normalize-stream-name.js';
import type { ClientLifecycle } from './client-lifecycle.js';
import type { BeforeSend } from './client-options.js';
import type { BatchTimers } from './create-batch-timers.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import { describeValue } from './describe-value.js';
import { describeRefusedRecord, isSendableRecord } from './is-sendable-record.js';
import type { RecordQueue } from './record-queue.js';

export interface SendParts {
  queue: RecordQueue;
  /** Serializes a record into its stream's batch, or refuses it with a report. */
  assemble: (stream: string, record: object, timeMs: number, nowMs: number) => void;
  timers: Pick<BatchTimers, 'onAppended'>;
  lifecycle: Pick<ClientLifecycle, 'isClosed'>;
  clock: Clock;
  beforeSend: BeforeSend | undefined;
  report: (error: DeliveryError) => void;
}

/**
 * Builds `send`, the caller's hot path: checks the record, runs `beforeSend`, and serializes it
 * into its stream's batch at once — so the caller may change or reuse the object afterwards, the
 * byte bound covers every record held, and records die young instead of waiting in a queue for
 * the garbage collector to copy. Requests start later, off the caller's path, on the timers.
 */
export function createSend(parts: SendParts): (stream: string, record: object) => void {
  const { queue, assemble, timers, lifecycle, clock, beforeSend, report } = parts;
  const streamNames = new Map<string, string>();

  function streamKey(stream: unknown): string | undefined {
    if (typeof stream !== 'string') return undefined;
    let name = streamNames.get(stream);
    if (name === undefined) {
      name = normalizeStreamName(stream);
      if (name === '') return undefined;
      if (streamNames.size < 1000) streamNames.set(stream, name);
    }
    return name;
  }

  return function send(stream: string, record: object): void {
    try {
      if (lifecycle.isClosed) {
        queue.refuse('dropped');
        report({
          reason: DeliveryErrorReason.clientClosed,
          message: 'send() after shutdown(); record dropped',
          count: 1,
        });
        return;
      }
      let accepted: unknown = record;
      // Judged once per value taken (the check reads the prototype chain): the record, what its
      // toJSON() returns, what beforeSend returns.
      let sendable = isSendableRecord(accepted);
      let viaToJson = false;
      if (sendable) {
        // What JSON.stringify sends: a Mongoose document or Sequelize model keeps its data behind
        // toJSON(), and its own fields are internals (`_doc`, `$__`, `dataValues`).
        let toJson: unknown;
        try {
          toJson = (accepted as { toJSON?: unknown }).toJSON;
          if (typeof toJson === 'function') {
            accepted = (toJson as (key: string) => unknown).call(accepted, '');
            viaToJson = true;
            sendable = isSendableRecord(accepted);
          }
        } catch (error) {
          queue.refuse('failed');
          report({
            reason: DeliveryErrorReason.invalidRecord,
            message: `the record's toJSON() threw (${describeValue(error)}); record dropped`,
            count: 1,
          });
          return;
        }
      }
      if (beforeSend !== undefined && sendable) {
        let edited: unknown;
        try {
          edited = beforeSend(accepted as Record<string, unknown>, streamKey(stream) ?? String(stream));
        } catch (error) {
          queue.refuse('failed');
          report({
            reason: DeliveryErrorReason.beforeSendFailed,
            message: `beforeSend threw (${describeValue(error)}); the record was dropped rather than sent unfiltered`,
            count: 1,
          });
          return;
        }
        if (edited === null || edited === false) {
          queue.countFiltered();
          return;
        }
        if (typeof (edited as { then?: unknown } | undefined)?.then === 'function') {
          // Handle its rejection, or an async beforeSend that throws would crash the host.
          (edited as PromiseLike<unknown>).then(undefined, () => {});
          queue.refuse('failed');
          report({
            reason: DeliveryErrorReason.beforeSendFailed,
            message: 'beforeSend returned a Promise; it must return the record (or null) synchronously',
            count: 1,
          });
          return;
        }
        if (edited !== undefined && !isSendableRecord(edited)) {
          queue.refuse('failed');
          report({
            reason: DeliveryErrorReason.beforeSendFailed,
            message: `beforeSend must return a plain object, null or false; it returned ${describeRefusedRecord(edited)}, so the record was dropped`,
            count: 1,
          });
          return;
        }
        if (edited !== undefined) accepted = edited;
      }
      const name = streamKey(stream);
      if (name === undefined || !sendable) {
        queue.refuse('failed');
        const kind = describeRefusedRecord(accepted);
        report({
          reason: DeliveryErrorReason.invalidRecord,
          message:
            name === undefined
              ? `stream must be a non-empty string; got ${describeValue(stream)}`
              : viaToJson
                ? `a record must be a plain object; its toJSON() returned ${kind}`
                : `a record must be a plain object; got ${kind}${kind === 'an Error' ? ' (send it as a field, { error }, to get its name, message and stack)' : ''}`,
          count: 1,
          ...(name === undefined ? {} : { stream: name }),
        });
        return;
      }
      const now = clock.now();
      assemble(name, accepted as object, now, now);
      timers.onAppended();
    } catch (error) {
      report({
        reason: DeliveryErrorReason.internal,
        message: `send failed inside the client: ${describeValue(error)}`,
        count: 0,
      });
    }
  };
}
