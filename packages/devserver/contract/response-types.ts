/** Response bodies as OpenObserve sends them (reference §1 and §8); every key optional where errors reuse them. */

export interface StreamStatus {
  name: string;
  successful: number;
  failed: number;
  /** Left out when empty; holds only the last error of the batch. */
  error?: string;
}

/** `_json`, `_multi`, metrics and RUM answer: `code` is 200 even when records failed. */
export interface IngestBody {
  code: number;
  status: StreamStatus[];
  message?: string;
}

export type Hit = Record<string, unknown>;

/** `_search` success body, or a coded error body (`code` 200xx) on failure. */
export interface SearchBody {
  took: number;
  hits: Hit[];
  total: number;
  from: number;
  size: number;
  scan_size: number;
  function_error: string[];
  code?: number;
  message?: string;
  error_detail?: string;
  trace_id?: string;
}

export interface ErrorBody {
  code: number;
  message: string;
}
