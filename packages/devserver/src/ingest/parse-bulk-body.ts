import { normalizeStreamName } from '@shoptel/core';
import { HttpError } from '../http/http-error.js';
import { parseJsonLikeSerde } from './parse-ingest-body.js';

/** One `index`/`create`/`update` action of an Elasticsearch bulk body and its document. */
export interface BulkOperation {
  action: string;
  /** The normalised stream (`_index`), or as written when it names no stream. */
  stream: string;
  /** `_id`, or `''`. */
  id: string;
  /** The document; undefined when the action was refused before reading it. */
  record: Record<string, unknown> | undefined;
  /** Why the action was refused before ingestion (an invalid `_index`). */
  refusal?: string;
  /** What the answer quotes as `originalRecord` for a refusal: the action line. */
  actionLine?: unknown;
}

/** OpenObserve's `BULK_OPERATORS`; any other action line (`delete`) is skipped. */
const ACTIONS = ['create', 'index', 'update'] as const;

/**
 * Reads an Elasticsearch `_bulk` NDJSON body as OpenObserve's `logs::bulk::ingest`
 * (`src/core/src/logs/bulk.rs`) does: blank lines are skipped; a line that is no recognised action
 * (or lacks `_index`) is skipped; an `_index` that is empty, `_` or `/` refuses that action with
 * "Invalid stream name" (its document line is then read as an action line, and skipped); a
 * document gets `_id` from its action. A line that is not JSON fails the whole request (400). A
 * document that is not an object stops OpenObserve with `unreachable!()`; here it fails the
 * request with 400.
 */
export function parseBulkBody(text: string): BulkOperation[] {
  const operations: BulkOperation[] = [];
  let pending: BulkOperation | undefined;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r+$/, '');
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = parseJsonLikeSerde(line);
    } catch (error) {
      throw new HttpError(400, `SerdeJsonError# ${(error as Error).message}`);
    }
    if (pending) {
      if (!isObject(value)) throw new HttpError(400, 'Error# a bulk document must be a JSON object');
      if (pending.id !== '') value._id = pending.id;
      pending.record = value;
      operations.push(pending);
      pending = undefined;
      continue;
    }
    const parsed = readAction(value);
    if (!parsed) continue;
    const { action, index, id } = parsed;
    const stream = normalizeStreamName(index);
    if (index === '' || index === '_' || index === '/' || stream === '' || stream === '_') {
      operations.push({
        action,
        stream: index,
        id,
        record: undefined,
        refusal: `Invalid stream name: ${line}`,
        actionLine: value,
      });
      continue;
    }
    pending = { action, stream, id, record: undefined };
  }
  return operations;
}

function readAction(value: unknown): { action: string; index: string; id: string } | undefined {
  if (!isObject(value)) return undefined;
  for (const action of ACTIONS) {
    const meta = value[action];
    if (meta === undefined) continue;
    if (!isObject(meta) || typeof meta._index !== 'string') return undefined;
    return { action, index: meta._index, id: typeof meta._id === 'string' ? meta._id : '' };
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
