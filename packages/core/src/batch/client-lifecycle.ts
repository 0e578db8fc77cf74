/**
 * Where a client is in its life: open, closed to new records (`shutdown()` called), or abandoned
 * (shutdown timed out: nothing is sent or retried any more); and whether anyone awaits delivery.
 */
export interface ClientLifecycle {
  readonly isClosed: boolean;
  readonly isAbandoned: boolean;
  /** A `flush()` or `shutdown()` is waiting: the client's timers then keep the process alive. */
  readonly isAwaited: boolean;
  close(): void;
  abandon(): void;
  /** Marks one more caller awaiting delivery; call the returned function when it is done. */
  await(): () => void;
}

export function createClientLifecycle(): ClientLifecycle {
  let closed = false;
  let abandoned = false;
  let awaiting = 0;
  return {
    get isClosed() {
      return closed;
    },
    get isAbandoned() {
      return abandoned;
    },
    get isAwaited() {
      return awaiting > 0;
    },
    close() {
      closed = true;
    },
    abandon() {
      closed = true;
      abandoned = true;
    },
    await() {
      awaiting++;
      let done = false;
      return () => {
        if (!done) awaiting--;
        done = true;
      };
    },
  };
}
