/** What an OpenObserve `_json` answer says about one batch. */
export interface IngestAccounting {
  successful: number;
  failed: number;
  /** Records the answer does not account for (OpenObserve's silent write-stage drop). */
  missing: number;
  /** The server's last error text, if it gave one. */
  error?: string;
}

interface StreamStatus {
  successful?: unknown;
  failed?: unknown;
  error?: unknown;
}

/**
 * Reads `{"code":200,"status":[{"name","successful","failed","error"}]}`. OpenObserve answers 200
 * even when records failed, so the counts, not the status code, decide what was stored; a total
 * short of what was sent is reported, never assumed delivered. A 2xx body that is not this shape
 * (a relay's `202 {accepted}`, an empty body) counts every record as delivered.
 */
export function readIngestResponse(body: string, recordCount: number): IngestAccounting {
  let parsed: unknown;
  try {
    parsed = body === '' ? undefined : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const statuses = (parsed as { status?: unknown } | undefined)?.status;
  if (!Array.isArray(statuses)) return { successful: recordCount, failed: 0, missing: 0 };
  let successful = 0;
  let failed = 0;
  let error: string | undefined;
  for (const entry of statuses as StreamStatus[]) {
    if (typeof entry?.successful === 'number') successful += entry.successful;
    if (typeof entry?.failed === 'number') failed += entry.failed;
    if (typeof entry?.error === 'string' && entry.error !== '') error = entry.error;
  }
  // A server that claims more than was sent is clamped, so stats can never exceed the truth.
  successful = Math.min(successful, recordCount);
  failed = Math.min(failed, recordCount - successful);
  const result: IngestAccounting = { successful, failed, missing: recordCount - successful - failed };
  if (error !== undefined) result.error = error;
  return result;
}

/** OpenObserve's error text from a non-2xx body: `{"message"}` JSON or plain text, shortened. */
export function readServerMessage(body: string): string | undefined {
  const text = body.trim();
  if (text === '') return undefined;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // plain-text body
  }
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
