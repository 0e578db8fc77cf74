// `@shoptel/core/retry`: the retry matrix and backoff alone, platform-free and small, for clients
// that bring their own queue and transport (the browser package). `readRetryAfterMs` lets a
// bundle read dates with the platform's own parser instead of carrying `parseHttpDate`.
export {
  type AttemptOutcome,
  type BackoffOptions,
  classifyStatus,
  type HttpDateReader,
  parseRetryAfterMs,
  readRetryAfterMs,
  retryDelayMs,
} from '../batch/retry-policy.js';
