import { isSqlFragment, sql } from '@shoptel/core';
import type { AlertRule } from './alert-types.js';

/** A rule as JSON text: a SQL condition is kept as `{ "sql": text }`. */
export function serializeAlertRule(rule: AlertRule): string {
  const condition = isSqlFragment(rule.condition) ? { sql: rule.condition.text } : rule.condition;
  return JSON.stringify({ ...rule, condition });
}

/**
 * Reads a rule written by {@link serializeAlertRule}. The SQL text came out of the `sql` tag when
 * the rule was created and only this engine writes the store, so it is trusted as a fragment again.
 */
export function deserializeAlertRule(text: string): AlertRule {
  const parsed = JSON.parse(text) as Omit<AlertRule, 'condition'> & { condition: string | { sql: string } };
  const condition =
    typeof parsed.condition === 'string' ? parsed.condition : sql.unsafeRaw(parsed.condition.sql);
  return { ...parsed, condition };
}
