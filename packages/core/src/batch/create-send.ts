import { normalizeStreamName } from '../wire/normalize-stream-name.js';
import { type ClientState, queuedCount } from './client-state.js';
import type { BatchAssembler } from './create-batch-assembler.js';
import type { Drain } from './create-drain.js';
import { DeliveryErrorReason } from './delivery-error.js';
import { describeValue } from './describe-value.js';
import { describeRefusedRecord, isSendableRecord } from './is-sendable-record.js';

/**
 * Builds `send`, the caller's hot path: checks the record, runs `beforeSend`, stores a reference
 * in the intake and arms the timers. Serialization and HTTP happen later, in the drain.
 */
export function createSend(
  s: ClientState,
  assembler: BatchAssembler,
  timers: Pick<Drain, 'onDrainTimer' | 'onFlushTimer'>,
): (stream: string, record: object) => void {
  const { o, counters, intake, report } = s;
  const { config, clock } = o;
  const { dropOldest, dropFromIntake } = assembler;
  const { onDrainTimer, onFlushTimer } = timers;
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
      if (s.closed) {
        counters.enqueued++;
        counters.dropped++;
        report({
          reason: DeliveryErrorReason.clientClosed,
          message: 'send() after shutdown(); record dropped',
          count: 1,
        });
        return;
      }
      let accepted: unknown = record;
      if (o.beforeSend !== undefined && isSendableRecord(accepted)) {
        let edited: unknown;
        try {
          edited = o.beforeSend(accepted, streamKey(stream) ?? String(stream));
        } catch (error) {
          counters.enqueued++;
          counters.failed++;
          report({
            reason: DeliveryErrorReason.beforeSendFailed,
            message: `beforeSend threw (${describeValue(error)}); the record was dropped rather than sent unfiltered`,
            count: 1,
          });
          return;
        }
        if (edited === null || edited === false) {
          counters.filtered++;
          return;
        }
        if (typeof (edited as { then?: unknown } | undefined)?.then === 'function') {
          // Handle its rejection, or an async beforeSend that throws would crash the host.
          (edited as PromiseLike<unknown>).then(undefined, () => {});
          counters.enqueued++;
          counters.failed++;
          report({
            reason: DeliveryErrorReason.beforeSendFailed,
            message: 'beforeSend returned a Promise; it must return the record (or null) synchronously',
            count: 1,
          });
          return;
        }
        if (edited !== undefined && !isSendableRecord(edited)) {
          counters.enqueued++;
          counters.failed++;
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
      if (name === undefined || !isSendableRecord(accepted)) {
        counters.enqueued++;
        counters.failed++;
        const kind = describeRefusedRecord(accepted);
        report({
          reason: DeliveryErrorReason.invalidRecord,
          message:
            name === undefined
              ? `stream must be a non-empty string; got ${describeValue(stream)}`
              : `a record must be a plain object; got ${kind}${kind === 'an Error' ? ' (send it as a field, { error }, to get its name, message and stack)' : ''}`,
          count: 1,
          ...(name === undefined ? {} : { stream: name }),
        });
        return;
      }
      counters.enqueued++;
      // The bound counts records in flight too, but only waiting ones can be dropped for room.
      // Retried batches can push the total past the bound while the intake is full: the new
      // record always needs a free slot in the intake itself.
      const waiting = queuedCount(s);
      if (intake.size >= o.maxQueueEvents) dropFromIntake();
      else if (waiting + s.inFlightRecords >= o.maxQueueEvents) {
        if (waiting === 0) {
          // Everything held is in flight (maxQueueEvents ≤ batchSize × maxInFlight) and cannot be
          // dropped: keeping this record would exceed the bound by one record per request. The
          // flush timer's drain reports the drop with the others.
          counters.dropped++;
          s.overflow++;
          if (s.flushTimer === undefined)
            s.flushTimer = clock.setTimeout(onFlushTimer, config.flushIntervalMs);
          return;
        }
        dropOldest();
      }
      intake.push(name, accepted, clock.now());
      if (s.flushTimer === undefined) s.flushTimer = clock.setTimeout(onFlushTimer, config.flushIntervalMs);
      if (intake.size >= config.batchSize && s.drainTimer === undefined) {
        // Serialize on the next tick, not here: the caller's path stays a push.
        s.drainTimer = clock.setTimeout(onDrainTimer, 0);
      }
    } catch (error) {
      report({
        reason: DeliveryErrorReason.internal,
        message: `send failed inside the client: ${describeValue(error)}`,
        count: 0,
      });
    }
  };
}
