/** One serialized event: its NDJSON line, written once when tracked and reused for every send. */
export interface QueuedEvent {
  id: string;
  line: string;
  bytes: number;
  /** Delivered or dropped before it was stored: the pending write leaves it out. */
  done?: true;
}
