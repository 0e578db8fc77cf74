/** A table a search names that is no stream of its org (OpenObserve's 20002). */
export class StreamNotFoundError extends Error {
  override name = 'StreamNotFoundError';
}

/** SQL OpenObserve's planner refuses (its 20001, `SearchSQLNotValid`); the message is its detail. */
export class SqlNotValidError extends Error {
  override name = 'SqlNotValidError';
}
