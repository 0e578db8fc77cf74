import { parentPort } from 'node:worker_threads';
import { ownedMemory } from './owned-memory.js';
import { type PrepareJob, prepareIngestBody } from './prepare-ingest-body.js';

// Entry of an ingest worker thread: prepares bodies off the main thread, which owns DuckDB. The
// body goes back with the outcome (moved, not copied), as the main thread may need it again.
parentPort?.on('message', async (message: { id: number; job: PrepareJob }) => {
  const outcome = await prepareIngestBody(message.job);
  const { body } = message.job;
  parentPort?.postMessage({ id: message.id, outcome, body }, ownedMemory(body));
});
