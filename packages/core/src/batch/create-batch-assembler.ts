import type { createRecordSerializer } from '../wire/serialize-record.js';
import { type ClientState, queuedCount } from './client-state.js';
import { DeliveryErrorReason } from './delivery-error.js';
import { appendToBatch, createBatch, type RecordBatch, shiftFromBatch, utf8Length } from './record-batch.js';
import { settleBatch } from './wait-for-batches.js';

type RecordSerializer = ReturnType<typeof createRecordSerializer>;

/** Turns serialized records into per-stream batches and keeps the queue within its bounds. */
export interface BatchAssembler {
  /** Serializes one record from the intake into its stream's open batch (closing it when full). */
  addSerialized(stream: string, record: object, timeMs: number, now: number): void;
  /** Moves an open batch to the ready queue (or discards it if empty). */
  closeBatch(batch: RecordBatch): void;
  /** Drops the oldest queued record: waiting batches first (oldest data), then the intake. */
  dropOldest(): void;
  /** Drops the oldest record of the intake itself. */
  dropFromIntake(): void;
}

export function createBatchAssembler(s: ClientState, serialize: RecordSerializer): BatchAssembler {
  const { o, counters, intake, open, ready, report } = s;
  const { config } = o;

  function addSerialized(stream: string, record: object, timeMs: number, now: number) {
    const result = serialize(record, timeMs, now);
    if (!result.ok) {
      counters.failed++;
      report({ reason: DeliveryErrorReason.invalidRecord, message: result.problem, stream, count: 1 });
      return;
    }
    if (result.notes !== undefined) {
      counters.repaired++;
      report({
        reason: DeliveryErrorReason.recordRepaired,
        message: `record ${result.eventId} sent with ${result.notes.length} repair(s): ${result.notes[0]!.path}: ${result.notes[0]!.problem}`,
        stream,
        count: 1,
        eventIds: [result.eventId],
        details: result.notes,
      });
    }
    const bytes = utf8Length(result.json);
    if (bytes > o.maxRecordBytes || bytes + 2 > o.maxBatchBytes) {
      counters.failed++;
      report({
        reason: DeliveryErrorReason.recordTooLarge,
        message: `record ${result.eventId} is ${bytes} bytes serialized; the limit is ${Math.min(o.maxRecordBytes, o.maxBatchBytes - 2)}`,
        stream,
        count: 1,
        eventIds: [result.eventId],
      });
      return;
    }
    let batch = open.get(stream);
    if (batch !== undefined && batch.bytes + bytes + 1 > o.maxBatchBytes) {
      closeBatch(batch);
      batch = undefined;
    }
    if (batch === undefined) {
      batch = createBatch(stream);
      open.set(stream, batch);
      s.heldBytes += batch.bytes;
    }
    const before = batch.bytes;
    appendToBatch(batch, result.json, bytes);
    s.heldBytes += batch.bytes - before;
    s.openRecords++;
    if (batch.lines.length >= config.batchSize) closeBatch(batch);
    while (s.heldBytes > o.maxQueueBytes && queuedCount(s) > 0) dropOldest();
  }

  function closeBatch(batch: RecordBatch) {
    open.delete(batch.stream);
    if (batch.lines.length === 0) {
      s.heldBytes -= batch.bytes;
      return;
    }
    s.openRecords -= batch.lines.length;
    s.readyRecords += batch.lines.length;
    ready.push(batch);
  }

  function dropOldest() {
    const batch = ready[0] ?? firstOpenBatch();
    if (batch !== undefined) {
      s.heldBytes -= shiftFromBatch(batch);
      if (ready[0] === batch) s.readyRecords--;
      else s.openRecords--;
      if (batch.lines.length === 0) {
        s.heldBytes -= batch.bytes;
        if (ready[0] === batch) ready.shift();
        else open.delete(batch.stream);
        settleBatch(batch);
      }
    } else if (intake.dropOldest() === undefined) {
      return;
    }
    counters.dropped++;
    s.overflow++;
  }

  function dropFromIntake() {
    if (intake.dropOldest() === undefined) return;
    counters.dropped++;
    s.overflow++;
  }

  function firstOpenBatch(): RecordBatch | undefined {
    for (const batch of open.values()) if (batch.lines.length > 0) return batch;
    return undefined;
  }

  return { addSerialized, closeBatch, dropOldest, dropFromIntake };
}
