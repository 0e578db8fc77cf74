import type { createRecordSerializer } from '../wire/serialize-record.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import { eventIdOfRecord } from './record-batch.js';
import type { RecordQueue } from './record-queue.js';
import { utf8Length } from './utf8-length.js';

type RecordSerializer = ReturnType<typeof createRecordSerializer>;

export interface BatchAssemblerParts {
  queue: RecordQueue;
  serialize: RecordSerializer;
  /** The largest record the queue takes (for the message when one is refused). */
  maxRecordBytes: number;
  report: (error: DeliveryError) => void;
}

/**
 * Serializes one record and adds it to its stream's batch, or refuses it (unreadable, too large),
 * reporting each repair or refusal with the record's id.
 */
export function createBatchAssembler(
  parts: BatchAssemblerParts,
): (stream: string, record: object, timeMs: number, nowMs: number) => void {
  const { queue, serialize, report } = parts;

  return function assemble(stream, record, timeMs, nowMs) {
    const result = serialize(record, timeMs, nowMs);
    if (!result.ok) {
      queue.refuse('failed');
      report({ reason: DeliveryErrorReason.invalidRecord, message: result.problem, stream, count: 1 });
      return;
    }
    const appended =
      result.json === undefined
        ? queue.append(stream, result.bytes, result.length)
        : queue.append(stream, result.json);
    if (appended < 0) {
      const eventId = result.eventId ?? eventIdOfRecord(result.bytes.subarray(0, result.length));
      const size = result.json === undefined ? result.length : utf8Length(result.json);
      queue.refuse('failed');
      report({
        reason: DeliveryErrorReason.recordTooLarge,
        message: `record ${eventId} is ${size} bytes serialized; the limit is ${parts.maxRecordBytes}`,
        stream,
        count: 1,
        eventIds: [eventId],
      });
      return;
    }
    if (result.notes !== undefined) {
      queue.countRepaired();
      report({
        reason: DeliveryErrorReason.recordRepaired,
        message: `record ${result.eventId} sent with ${result.notes.length} repair(s): ${result.notes[0]!.path}: ${result.notes[0]!.problem}`,
        stream,
        count: 1,
        eventIds: [result.eventId],
        details: result.notes,
      });
    }
  };
}
