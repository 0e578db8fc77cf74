/** Lines read from pino's buffer and not yet handed to the client. */
export interface LineBacklog {
  push(line: string): void;
  /** Handles every waiting line now (before a flush or the final drain). */
  drain(): void;
  readonly size: number;
}

/** Lines handled per turn of the worker's event loop. */
export const BACKLOG_SLICE_LINES = 500;
/** Past this many waiting lines they are handled as they arrive (pino's own backpressure then). */
export const DEFAULT_BACKLOG_MAX_LINES = 20_000;

/**
 * Decouples reading from handling in the worker. pino's main thread copies lines into a 4 MiB
 * buffer the worker empties; if the worker parsed and serialized each line before reading the
 * next, a burst would fill that buffer, and the app's thread would then hold the overflow, wake
 * for every chunk the worker reads and collect its garbage (measured: several times the
 * main-thread cost of `pino/file`). So lines are only queued as they are read, and handled in
 * slices on later turns; past `maxLines` waiting, each is handled as it arrives, which slows
 * reading again and lets pino's buffer take the pressure — nothing is dropped here.
 */
export function createLineBacklog(
  handle: (line: string) => void,
  maxLines = DEFAULT_BACKLOG_MAX_LINES,
): LineBacklog {
  let lines: string[] = [];
  let head = 0;
  let scheduled = false;

  function handleUpTo(count: number) {
    const end = Math.min(lines.length, head + count);
    while (head < end) {
      const line = lines[head]!;
      head++;
      handle(line);
    }
    if (head === lines.length) {
      lines = [];
      head = 0;
    }
  }
  function slice() {
    scheduled = false;
    handleUpTo(BACKLOG_SLICE_LINES);
    if (head < lines.length) schedule();
  }
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(slice);
  }

  return {
    push(line) {
      lines.push(line);
      if (lines.length - head > maxLines) handleUpTo(lines.length - head);
      else schedule();
    },
    drain() {
      handleUpTo(lines.length - head);
    },
    get size() {
      return lines.length - head;
    },
  };
}
