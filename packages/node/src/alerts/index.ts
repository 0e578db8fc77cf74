// @shoptel/node/alerts: the alert engine, its stores and notifiers. A subpath of its own so that
// better-sqlite3, pg and nodemailer (optional peer dependencies, loaded only when a store or the
// e-mail notifier is opened) stay out of apps that do not alert.

export {
  type AlertEngineError,
  type AlertEngineErrorReason,
  type AlertEngineOptions,
  type AlertEngineTimings,
  DEFAULT_GROUP_INTERVAL_MS,
  DEFAULT_GROUP_WAIT_MS,
  DEFAULT_OUTAGE_TOLERANCE_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_QUERY_TIMEOUT_MS,
  DEFAULT_REPEAT_INTERVAL_MS,
  DEFAULT_RESOLVED_RETENTION_MS,
  DEFAULT_SEND_RESOLVED,
} from './alert-engine-options.js';
export type { Acknowledgement, AlertStore, RuleLease } from './alert-store.js';
export {
  type AlertInstance,
  AlertOperator,
  type AlertRule,
  type AlertRuleInput,
  AlertSeverity,
  ChannelType,
  type EscalationRule,
  NoDataPolicy,
  type NotificationConfig,
  type RetryPolicy,
  type SuppressionRule,
} from './alert-types.js';
export {
  DEFAULT_ERROR_FOR,
  DEFAULT_MISSING_SERIES_TO_RESOLVE,
  RULE_EVALUATION_FAILING,
} from './apply-evaluation.js';
export {
  DEFAULT_CHANNEL_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_INTERVAL,
} from './attempt-delivery.js';
export { type AlertEngine, createAlertEngine } from './create-alert-engine.js';
export { createMemoryAlertStore } from './create-memory-alert-store.js';
export {
  type ExportToOpenObserveOptions,
  exportToOpenObserve,
  type OpenObserveAlertBody,
} from './export-to-openobserve.js';
export type { LabelMatcher } from './label-matchers.js';
export type { NotificationMessage, NotificationReason, NotifiedAlert } from './notification-message.js';
export { createEmailNotifier, type EmailNotifierOptions } from './notifiers/create-email-notifier.js';
export { createSlackNotifier } from './notifiers/create-slack-notifier.js';
export { createSmsNotifier, type SmsNotifierOptions } from './notifiers/create-sms-notifier.js';
export { createWebhookNotifier } from './notifiers/create-webhook-notifier.js';
export { type Notifier, NotifierError, type Notifiers, type NotifyAttempt } from './notifiers/notifier.js';
export { signStandardWebhook, verifyStandardWebhook } from './notifiers/sign-standard-webhook.js';
export { openPostgresAlertStore, type PostgresAlertStoreOptions } from './open-postgres-alert-store.js';
export { openSqliteAlertStore } from './open-sqlite-alert-store.js';
export type { RuleHealth } from './rule-state.js';
export type { AlertQuery } from './run-rule-query.js';
export type { Silence, SilenceState } from './silence.js';
export { NOTIFICATION_DELIVERY_FAILING } from './track-delivery-health.js';
