/**
 * An analytics call was given an argument it cannot use: a bad time range, a filter outside its
 * enum, a string over the length limit, a raw SQL string instead of a `sql` fragment. Thrown
 * before any request is made, so nothing of the bad value reaches OpenObserve.
 *
 * @example
 * try {
 *   await analytics.getLogStats(range, { level: input });
 * } catch (error) {
 *   if (error instanceof AnalyticsValidationError) return badRequest(error.field, error.message);
 * }
 */
export class AnalyticsValidationError extends TypeError {
  /** The argument at fault, e.g. `range.start`, `filters.level`, `options.limit`. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`analytics: ${field} ${problem}`);
    this.name = 'AnalyticsValidationError';
    this.field = field;
  }
}
