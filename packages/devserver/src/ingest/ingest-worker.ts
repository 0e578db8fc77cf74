import { parentPort } from 'node:worker_threads';
import { type PrepareJob, prepareIngestBody } from './prepare-ingest-body.js';

// Entry of an ingest worker thread: prepares bodies off the main thread, which owns DuckDB.
parentPort?.on('message', async (message: { id: number; job: PrepareJob }) => {
  const outcome = await prepareIngestBody(message.job);
  parentPort?.postMessage({ id: message.id, outcome });
});
