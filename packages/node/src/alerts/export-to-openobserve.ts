import { isSqlFragment, sql } from '@shoptel/core';
import type { AlertRule } from './alert-types.js';
import { parseTimeWindow } from './parse-time-window.js';

export interface ExportToOpenObserveOptions {
  /** Names of existing OpenObserve alert destinations. */
  destinations: string[];
  /** Stream a SQL condition reads (required for SQL rules; a metric rule reads its metric). */
  streamName?: string;
  /** @default 'logs' for SQL rules, 'metrics' for metric rules */
  streamType?: 'logs' | 'metrics' | 'traces';
}

/** The body of `POST /api/v2/{org}/alerts` (OpenObserve ≥ 0.15). */
export interface OpenObserveAlertBody {
  name: string;
  description: string;
  enabled: boolean;
  stream_type: 'logs' | 'metrics' | 'traces';
  stream_name: string;
  is_real_time: false;
  query_condition: { type: 'sql'; sql: string };
  trigger_condition: {
    period: number;
    operator: '>=';
    threshold: 1;
    frequency: number;
    frequency_type: 'minutes';
    silence: number;
  };
  destinations: string[];
}

/**
 * Compiles a simple threshold rule to an OpenObserve server-side alert. OpenObserve compares
 * `threshold` with the number of rows a SQL alert returns, so the comparison goes into the SQL and
 * the trigger is "at least one row". OpenObserve has no pending period, keep-firing, resolve
 * notifications, silences, mute windows or escalation, so rules using them are refused (a
 * TypeError naming the field) rather than exported with different meaning.
 */
export function exportToOpenObserve(
  rule: AlertRule,
  options: ExportToOpenObserveOptions,
): OpenObserveAlertBody {
  const refuse = (field: string, why: string) => {
    throw new TypeError(`exportToOpenObserve: ${field} ${why}; OpenObserve alerts cannot express it`);
  };
  if (rule.for !== undefined && parseTimeWindow(rule.for, 'for') > 0) refuse('for', 'is set');
  if (rule.keepFiringFor !== undefined && parseTimeWindow(rule.keepFiringFor, 'keepFiringFor') > 0)
    refuse('keepFiringFor', 'is set');
  if (rule.escalation?.some((e) => e.enabled)) refuse('escalation', 'has enabled steps');
  if (rule.suppressions?.some((s) => s.enabled)) refuse('suppressions', 'has enabled windows');
  if (rule.onNoData !== undefined && rule.onNoData !== 'ok') refuse('onNoData', `is '${rule.onNoData}'`);
  if (options.destinations.length === 0) refuse('destinations', 'is empty');
  const periodMin = wholeMinutes(rule.timeWindow, 'timeWindow');
  const frequencyMin = wholeMinutes(rule.evaluationInterval, 'evaluationInterval');
  const op = sql.unsafeRaw(rule.operator === '==' ? '=' : rule.operator); // one of six checked operators

  let query: string;
  let streamName: string;
  if (isSqlFragment(rule.condition)) {
    if (!options.streamName)
      throw new TypeError('exportToOpenObserve: options.streamName is required for a SQL rule');
    streamName = options.streamName;
    query = sql`SELECT value FROM (${rule.condition}) AS rule_result WHERE value ${op} ${rule.threshold}`
      .text;
  } else {
    streamName = rule.condition;
    query =
      sql`SELECT avg(value) AS value FROM ${sql.id(rule.condition)} HAVING avg(value) ${op} ${rule.threshold}`
        .text;
  }
  return {
    // OpenObserve refuses : # ? & % quotes, spaces and / in names.
    name: rule.name.replace(/[:#?&%"'\s/]/g, '_'),
    description: rule.description,
    enabled: rule.enabled,
    stream_type: options.streamType ?? (isSqlFragment(rule.condition) ? 'logs' : 'metrics'),
    stream_name: streamName,
    is_real_time: false,
    query_condition: { type: 'sql', sql: query },
    trigger_condition: {
      period: periodMin,
      operator: '>=',
      threshold: 1,
      frequency: frequencyMin,
      frequency_type: 'minutes',
      silence: 0,
    },
    destinations: [...options.destinations],
  };
}

function wholeMinutes(window: string, field: string): number {
  const ms = parseTimeWindow(window, field);
  if (ms < 60_000 || ms % 60_000 !== 0)
    throw new TypeError(
      `exportToOpenObserve: ${field} '${window}' must be whole minutes (OpenObserve counts in minutes)`,
    );
  return ms / 60_000;
}
