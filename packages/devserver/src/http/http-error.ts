/**
 * An error that becomes an HTTP answer: status, and either OpenObserve's JSON body
 * `{code, message}` or a plain-text body, with optional headers.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly options: HttpErrorOptions;
  constructor(status: number, message: string, options: HttpErrorOptions = {}) {
    super(message);
    this.status = status;
    this.options = options;
  }
}

export interface HttpErrorOptions {
  /** Answer with a plain-text body instead of `{code, message}`. */
  plain?: boolean;
  headers?: Record<string, string>;
  /** A JSON body to send instead of `{code, message}`. */
  body?: unknown;
}
