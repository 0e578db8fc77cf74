import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ownedMemory } from './owned-memory.js';
import { type PrepareJob, type PrepareOutcome, prepareIngestBody } from './prepare-ingest-body.js';

/** What a prepare answers, and the request body handed back for a later prepare of it. */
export interface Prepared {
  outcome: PrepareOutcome;
  body: Uint8Array;
}

export interface PreparePool {
  /**
   * Prepares a body, in a worker when there is one. A body that owns its whole memory moves to
   * the worker and back instead of being copied twice: `job.body` is empty until this resolves,
   * and the store may need the bytes again (re-encoding against a schema that changed), so
   * `body` holds them then.
   */
  prepare(job: PrepareJob): Promise<Prepared>;
  /** Worker threads in use (0 = bodies are prepared on the main thread). */
  readonly workers: number;
  close(): Promise<void>;
}

interface WorkerSlot {
  worker: Worker;
  pending: Map<number, (prepared: Prepared) => void>;
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
    slot.worker.on('message', (message: { id: number; outcome: PrepareOutcome; body: Uint8Array }) => {
      const resolve = slot.pending.get(message.id);
      slot.pending.delete(message.id);
      resolve?.({ outcome: message.outcome, body: message.body });
    });
    const fail = (error: unknown) => {
      slot.alive = false;
      for (const resolve of slot.pending.values()) {
        // The body went down with the worker; a failed prepare is not prepared again.
        resolve({
          outcome: {
            ok: false,
            status: 500,
            message: `Error# ingest worker failed: ${String(error)}`,
            plain: false,
          },
          body: new Uint8Array(0),
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
    async prepare(job) {
      const live = slots.filter((s) => s.alive);
      if (live.length === 0) return { outcome: await prepareIngestBody(job), body: job.body };
      const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise((resolve) => {
        slot.pending.set(id, resolve);
        slot.worker.postMessage({ id, job }, ownedMemory(job.body));
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
