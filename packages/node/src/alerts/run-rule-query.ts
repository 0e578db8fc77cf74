import type { Clock, SearchRequest, SearchResult } from '@shoptel/core';
import { alertFingerprint } from './alert-fingerprint.js';
import type { AlertRule } from './alert-types.js';
import { buildRuleQuery } from './build-rule-query.js';
import type { EvaluatedSample } from './transition-instances.js';

/** What the engine needs of a search client: `createSearchClient(config)` fits. */
export interface AlertQuery {
  search<Row = Record<string, unknown>>(request: SearchRequest): Promise<SearchResult<Row>>;
}

/** An evaluation's query outcome (`alerting-anchors.md` §7.1: NoData vs Error). */
export type QueryOutcome =
  | { kind: 'rows'; samples: EvaluatedSample[] }
  | { kind: 'nodata' }
  | { kind: 'error'; message: string };

/** Labels every alert of a rule carries: `alertname` and the rule's tags. */
export function ruleLabels(rule: AlertRule): Record<string, string> {
  return { ...rule.tags, alertname: rule.name };
}

/**
 * Runs the rule's query for slot `slotMs` and compares each row's `value` with the threshold.
 * Every column other than `value` is a group label. Errors (HTTP, network, partial results,
 * timeout, two rows with one label set) never throw: they come back as `{ kind: 'error' }`.
 */
export async function runRuleQuery(
  rule: AlertRule,
  slotMs: number,
  query: AlertQuery,
  clock: Clock,
  timeoutMs: number,
): Promise<QueryOutcome> {
  let result: SearchResult<Record<string, unknown>>;
  try {
    result = await withTimeout(query.search(buildRuleQuery(rule, slotMs)), clock, timeoutMs);
  } catch (error) {
    return { kind: 'error', message: (error as Error)?.message ?? String(error) };
  }
  // OpenObserve itself treats partial results as errors: a missing partition is not "no data".
  if (result.isPartial) return { kind: 'error', message: 'partial result (is_partial)' };
  const samples: EvaluatedSample[] = [];
  for (const row of result.hits) {
    const value = toNumber(row.value);
    if (value === null) continue;
    const labels = ruleLabels(rule);
    for (const [key, raw] of Object.entries(row)) {
      if (key === 'value' || raw === null || raw === undefined) continue;
      labels[key] = typeof raw === 'string' ? raw : JSON.stringify(raw);
    }
    const fingerprint = alertFingerprint(labels);
    if (samples.some((s) => s.fingerprint === fingerprint))
      return { kind: 'error', message: `two rows have the same labels ${JSON.stringify(labels)}` };
    samples.push({ fingerprint, labels, value, conditionMet: compare(value, rule.operator, rule.threshold) });
  }
  return samples.length === 0 ? { kind: 'nodata' } : { kind: 'rows', samples };
}

function compare(value: number, operator: AlertRule['operator'], threshold: number): boolean {
  switch (operator) {
    case '>':
      return value > threshold;
    case '<':
      return value < threshold;
    case '>=':
      return value >= threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

function toNumber(raw: unknown): number | null {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function withTimeout<T>(promise: Promise<T>, clock: Clock, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(
      () => reject(new Error(`query timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    promise.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
