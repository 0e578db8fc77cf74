/** One `status` entry of OpenObserve's ingestion answer; `error` is left out when empty. */
export interface StreamStatus {
  name: string;
  successful: number;
  failed: number;
  error?: string;
}

export function streamStatus(
  name: string,
  successful: number,
  failed: number,
  error: string | undefined,
): StreamStatus {
  return error ? { name, successful, failed, error } : { name, successful, failed };
}

/** OpenObserve's `IngestionResponse`: always `code: 200`, even when records failed. */
export function ingestionResponse(status: StreamStatus[]): { code: 200; status: StreamStatus[] } {
  return { code: 200, status };
}
