import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type PrepareJob, type PrepareOutcome, prepareIngestBody } from './prepare-ingest-body.js';

export interface PreparePool {
  prepare(job: PrepareJob): Promise<PrepareOutcome>;
  /** Worker threads in use (0 = bodies are prepared on the main thread). */
  readonly workers: number;
  close(): Promise<void>;
}

interface WorkerSlot {
  worker: Worker;
  pending: Map<number, (outcome: PrepareOutcome) => void>;
  alive: boolean;
}

/**
 * Parsing, flattening and encoding a 1,000-record body costs milliseconds, so with more than one
 * core they run in worker threads while the main thread serves requests and feeds DuckDB. The
 * worker is the built `ingest-worker.js` next to this bundle; from sources (tests) bodies are
 * prepared inline, by the same function.
 */
export function createPreparePool(requestedWorkers: number): PreparePool {
  const url = new URL('./ingest-worker.js', import.meta.url);
  const runnable = requestedWorkers > 0 && url.protocol === 'file:' && existsSync(fileURLToPath(url));
  const slots: WorkerSlot[] = [];
  let nextId = 1;
  if (runnable) {
    for (let i = 0; i < requestedWorkers; i++) slots.push(startSlot(url));
  }

  function startSlot(workerUrl: URL): WorkerSlot {
    const slot: WorkerSlot = { worker: new Worker(workerUrl), pending: new Map(), alive: true };
    slot.worker.unref();
    slot.worker.on('message', (message: { id: number; outcome: PrepareOutcome }) => {
      const resolve = slot.pending.get(message.id);
      slot.pending.delete(message.id);
      resolve?.(message.outcome);
    });
    const fail = (error: unknown) => {
      slot.alive = false;
      for (const resolve of slot.pending.values()) {
        resolve({
          ok: false,
          status: 500,
          message: `Error# ingest worker failed: ${String(error)}`,
          plain: false,
        });
      }
      slot.pending.clear();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(`exit ${code}`));
    return slot;
  }

  return {
    get workers() {
      return slots.filter((s) => s.alive).length;
    },
    prepare(job) {
      const live = slots.filter((s) => s.alive);
      if (live.length === 0) return prepareIngestBody(job);
      const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      // The body is copied, not transferred: the caller keeps it in case the store has to
      // re-encode it against a schema that changed meanwhile.
      return new Promise((resolve) => {
        slot.pending.set(id, resolve);
        slot.worker.postMessage({ id, job });
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
