import { type ConfigProblem, isSqlFragment, ShoptelConfigError } from '@shoptel/core';
import { assertMetricName } from '../metrics/metric-names.js';
import { AlertOperator, type AlertRule, AlertSeverity, ChannelType, NoDataPolicy } from './alert-types.js';
import { parseLabelMatchers } from './label-matchers.js';
import type { Notifiers } from './notifiers/notifier.js';
import { isTimeWindow, parseTimeWindow } from './parse-time-window.js';
import { isClockRange } from './suppression-window.js';

const MIN_INTERVAL_MS = 10_000;

/**
 * Checks a whole rule and throws one {@link ShoptelConfigError} listing every problem, each
 * naming its field (`notifications[1].type`), so a rule is fixed in one pass. With the engine's
 * `notifiers`, each channel's `config` is checked by its notifier (`notifications[0].config.url`).
 */
export function validateAlertRule(rule: AlertRule, notifiers?: Notifiers): void {
  const problems: ConfigProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (typeof rule.id !== 'string' || rule.id === '') problem('id', 'must be a non-empty string');
  if (typeof rule.name !== 'string' || rule.name.trim() === '') problem('name', 'must be a non-empty string');
  if (typeof rule.enabled !== 'boolean') problem('enabled', 'must be a boolean');
  if (isSqlFragment(rule.condition)) {
    if (rule.condition.text.trim() === '') problem('condition', 'SQL must not be empty');
  } else {
    try {
      assertMetricName(rule.condition);
    } catch (error) {
      problem('condition', `a metric name or SQL from the sql tag: ${(error as Error).message}`);
    }
  }
  if (!Object.values(AlertSeverity).includes(rule.severity))
    problem('severity', `must be one of ${Object.values(AlertSeverity).join(', ')}`);
  if (typeof rule.threshold !== 'number' || !Number.isFinite(rule.threshold))
    problem('threshold', 'must be a finite number');
  if (!AlertOperator.includes(rule.operator))
    problem('operator', `must be one of ${AlertOperator.join(' ')}`);
  for (const field of ['timeWindow', 'evaluationInterval', 'for', 'keepFiringFor', 'queryOffset'] as const) {
    const value = rule[field];
    if (value === undefined && field !== 'timeWindow' && field !== 'evaluationInterval') continue;
    if (!isTimeWindow(value)) problem(field, `'${String(value)}' must match ^\\d+[smhd]$ (e.g. '5m')`);
  }
  if (isTimeWindow(rule.evaluationInterval) && parseTimeWindow(rule.evaluationInterval) < MIN_INTERVAL_MS)
    problem('evaluationInterval', 'must be at least 10s');
  if (rule.onNoData !== undefined && !Object.values(NoDataPolicy).includes(rule.onNoData))
    problem('onNoData', `must be one of ${Object.values(NoDataPolicy).join(', ')}`);
  for (const field of ['missingSeriesToResolve', 'errorFor'] as const) {
    const value = rule[field];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
      problem(field, 'must be an integer ≥ 1');
  }
  if (!Array.isArray(rule.notifications) || rule.notifications.length === 0)
    problem('notifications', 'must list at least one channel');
  else
    for (const [i, n] of rule.notifications.entries())
      checkNotification(n, `notifications[${i}]`, problem, notifiers);
  rule.suppressions?.forEach((s, i) => {
    const at = `suppressions[${i}]`;
    if (!isClockRange(s.timeWindow))
      problem(`${at}.timeWindow`, `'${s.timeWindow}' must be a daily range 'HH:MM-HH:MM'`);
    checkMatchers(s.condition, `${at}.condition`, problem);
    if (s.timeZone !== undefined && !isTimeZone(s.timeZone))
      problem(`${at}.timeZone`, `unknown time zone '${s.timeZone}'`);
  });
  rule.escalation?.forEach((e, i) => {
    const at = `escalation[${i}]`;
    if (!isTimeWindow(e.timeWindow)) problem(`${at}.timeWindow`, `'${e.timeWindow}' must match ^\\d+[smhd]$`);
    checkMatchers(e.condition, `${at}.condition`, problem);
    if (!Array.isArray(e.targetNotifications) || e.targetNotifications.length === 0)
      problem(`${at}.targetNotifications`, 'must list at least one channel');
    else
      for (const [j, n] of e.targetNotifications.entries())
        checkNotification(n, `${at}.targetNotifications[${j}]`, problem, notifiers);
  });
  if (rule.tags !== undefined) {
    for (const [key, value] of Object.entries(rule.tags))
      if (typeof value !== 'string') problem(`tags.${key}`, 'must be a string');
  }
  if (problems.length > 0) throw new ShoptelConfigError(problems);
}

function checkNotification(
  n: AlertRule['notifications'][number],
  at: string,
  problem: (field: string, message: string) => void,
  notifiers: Notifiers | undefined,
): void {
  if (!Object.values(ChannelType).includes(n?.type))
    problem(`${at}.type`, `must be one of ${Object.values(ChannelType).join(', ')}`);
  if (typeof n?.enabled !== 'boolean') problem(`${at}.enabled`, 'must be a boolean');
  if (typeof n?.config !== 'object' || n.config === null) problem(`${at}.config`, 'must be an object');
  else
    for (const [field, message] of notifiers?.[n.type]?.checkConfig?.(n.config) ?? [])
      problem(`${at}.config.${field}`, message);
  if (n?.retryPolicy !== undefined) {
    if (!Number.isSafeInteger(n.retryPolicy.maxRetries) || n.retryPolicy.maxRetries < 0)
      problem(`${at}.retryPolicy.maxRetries`, 'must be an integer ≥ 0');
    if (!isTimeWindow(n.retryPolicy.retryInterval))
      problem(`${at}.retryPolicy.retryInterval`, `'${n.retryPolicy.retryInterval}' must match ^\\d+[smhd]$`);
  }
}

function checkMatchers(
  text: unknown,
  field: string,
  problem: (field: string, message: string) => void,
): void {
  if (typeof text !== 'string') {
    problem(field, 'must be a string of label matchers (may be empty)');
    return;
  }
  try {
    parseLabelMatchers(text, field);
  } catch (error) {
    problem(field, (error as Error).message);
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
