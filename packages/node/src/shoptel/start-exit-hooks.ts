/** Options of `startExitHooks`. */
export interface ExitHookOptions {
  /** Signals that shut shoptel down and then end the process as the signal would. @default ['SIGTERM'] */
  signals?: NodeJS.Signals[];
  /** Also shut down when the event loop empties (`beforeExit`). @default true */
  beforeExit?: boolean;
  /** Shutdown deadline. @default core's DEFAULT_SHUTDOWN_TIMEOUT_MS */
  timeoutMs?: number;
}

/**
 * Attaches process hooks that drain shoptel before the process ends. Opt-in: a library that
 * listens for SIGTERM changes what SIGTERM does, so the host decides. On a signal, after the
 * shutdown the signal is raised again if nothing else listens for it, so the process ends as it
 * would have. Returns `{ stop }` to detach.
 *
 * @example const hooks = shoptel.startExitHooks(); // SIGTERM + beforeExit
 */
export function startExitHooks(
  shutdown: (options: { timeoutMs?: number }) => Promise<unknown>,
  options: ExitHookOptions = {},
): { stop(): void } {
  const signals = options.signals ?? ['SIGTERM'];
  const shutdownOptions = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  let stopped = false;

  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    shutdown(shutdownOptions)
      .catch(() => {})
      .finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };
  const onBeforeExit = () => {
    stop();
    shutdown(shutdownOptions).catch(() => {});
  };

  for (const signal of signals) process.on(signal, onSignal);
  if (options.beforeExit ?? true) process.on('beforeExit', onBeforeExit);

  function stop() {
    if (stopped) return;
    stopped = true;
    for (const signal of signals) process.off(signal, onSignal);
    process.off('beforeExit', onBeforeExit);
  }
  return { stop };
}
