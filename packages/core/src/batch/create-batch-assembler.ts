import type { createRecordSerializer } from '../wire/serialize-record.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import { utf8Length } from './record-batch.js';
import type { RecordQueue } from './record-queue.js';

type RecordSerializer = ReturnType<typeof createRecordSerializer>;

export interface BatchAssemblerParts {
  queue: RecordQueue;
  serialize: RecordSerializer;
  /** A larger serialized record is refused. */
  maxRecordBytes: number;
  maxBatchBytes: number;
  report: (error: DeliveryError) => void;
}

/**
 * Serializes one record taken from the intake and adds it to its stream's batch, or refuses it
 * (unreadable, too large), reporting each repair or refusal with the record's id.
 */
export function createBatchAssembler(
  parts: BatchAssemblerParts,
): (stream: string, record: object, timeMs: number, nowMs: number) => void {
  const { queue, serialize, report } = parts;
  const limit = Math.min(parts.maxRecordBytes, parts.maxBatchBytes - 2);

  return function assemble(stream, record, timeMs, nowMs) {
    const result = serialize(record, timeMs, nowMs);
    if (!result.ok) {
      queue.discard();
      report({ reason: DeliveryErrorReason.invalidRecord, message: result.problem, stream, count: 1 });
      return;
    }
    const bytes = utf8Length(result.json);
    if (bytes > limit) {
      queue.discard();
      report({
        reason: DeliveryErrorReason.recordTooLarge,
        message: `record ${result.eventId} is ${bytes} bytes serialized; the limit is ${limit}`,
        stream,
        count: 1,
        eventIds: [result.eventId],
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
    queue.append(stream, result.json, bytes);
  };
}
