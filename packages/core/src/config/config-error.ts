/** One invalid setting: the field as the user wrote it and what is wrong with it. */
export interface ConfigProblem {
  /** `url`, `batchSize`, or the env variable name (`OPENOBSERVE_BATCH_SIZE`). */
  field: string;
  message: string;
}

/**
 * Thrown at start-up when configuration is invalid. Lists every problem at once, so a user fixes
 * their environment in one pass. Never contains a credential value.
 */
export class ShoptelConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n');
    super(
      `Invalid shoptel configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines}`,
    );
    this.name = 'ShoptelConfigError';
    this.problems = problems;
  }
}
