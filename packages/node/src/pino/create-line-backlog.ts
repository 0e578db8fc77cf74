/** Lines read from pino's buffer and not yet handed to the client. */
export interface LineBacklog {
  push(line: string): void;
  /** Resolves once every line pushed so far is handled (slices keep respecting `canHandle`). */
  settle(): Promise<void>;
  /** Handles every waiting line now, room or not (the last step of the final drain). */
  drain(): void;
  /** Lines waiting. */
  readonly size: number;
}

export interface LineBacklogOptions {
  /** Handles one line (parse, map, `client.send`). */
  handle(line: string): void;
  /** May a slice be handled now? (Not while the client's queue is full and the server healthy.) */
  canHandle(): boolean;
  /** Called with `true` when reading should stop (the backlog is full) and `false` to resume. */
  setPaused(paused: boolean): void;
  /** Waiting text beyond which reading pauses. @default 32 MiB (UTF-16 code units) */
  maxChars?: number;
}

/** Lines handled per turn of the worker's event loop, so HTTP answers are read in between. */
export const BACKLOG_SLICE_LINES = 500;
export const DEFAULT_BACKLOG_MAX_CHARS = 32 * 1024 * 1024;
const RETRY_MS = 5;

/**
 * Decouples reading from handling in the worker. pino's main thread copies lines into a 4 MiB
 * buffer the worker empties; if the worker parsed and serialized each line before reading the
 * next, a burst would fill that buffer, and the app's thread would then hold the overflow, wake
 * for every chunk the worker reads and collect its garbage (measured: several times the
 * main-thread cost of `pino/file`). So lines are queued as they are read (cheap) and handled in
 * slices on later turns, while the client's queue has room. Past `maxChars` of waiting text,
 * reading pauses and pino's own buffer takes the pressure: nothing is dropped here.
 */
export function createLineBacklog(options: LineBacklogOptions): LineBacklog {
  const { handle, canHandle, setPaused } = options;
  const maxChars = options.maxChars ?? DEFAULT_BACKLOG_MAX_CHARS;
  let lines: string[] = [];
  let head = 0;
  let chars = 0;
  let paused = false;
  let scheduled = false;
  let settled: Array<() => void> = [];

  function handleUpTo(count: number) {
    const end = Math.min(lines.length, head + count);
    while (head < end) {
      const line = lines[head]!;
      head++;
      chars -= line.length;
      handle(line);
    }
    if (head === lines.length) {
      lines = [];
      head = 0;
      const waiting = settled;
      settled = [];
      for (const resolve of waiting) resolve();
    }
    if (paused && chars <= maxChars / 2) {
      paused = false;
      setPaused(false);
    }
  }
  function slice() {
    scheduled = false;
    if (head === lines.length) return;
    if (!canHandle()) {
      scheduled = true;
      setTimeout(slice, RETRY_MS);
      return;
    }
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
      chars += line.length;
      if (!paused && chars > maxChars) {
        paused = true;
        setPaused(true);
      }
      schedule();
    },
    settle() {
      if (head === lines.length) return Promise.resolve();
      return new Promise((resolve) => settled.push(resolve));
    },
    drain() {
      handleUpTo(lines.length - head);
    },
    get size() {
      return lines.length - head;
    },
  };
}
