// `@shoptel/core/retry`: the retry matrix and backoff alone, platform-free and small, for clients
// that bring their own queue and transport (the browser package).
export {
  type AttemptOutcome,
  type BackoffOptions,
  classifyStatus,
  parseRetryAfterMs,
  retryDelayMs,
} from '../batch/retry-policy.js';
