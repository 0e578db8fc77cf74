// Fake-clock harness for the alert engine (`alerting-anchors.md` §8): a scripted fake OpenObserve
// (slot → rows | error | partial, with latency on the fake clock) and recording channels with
// programmable answers. The fake OpenObserve and channels stand in for servers only because the
// scenarios need hours of fake time; the real servers are exercised in the devserver, notifier and
// store tests.
import type { SearchRequest, SearchResult } from '@shoptel/core';
import { createFakeClock, type FakeClock } from '@shoptel/core/testing';
import type { AlertEngineError, AlertEngineTimings } from '../src/alerts/alert-engine-options.js';
import type { AlertStore } from '../src/alerts/alert-store.js';
import type { AlertRuleInput, ChannelType, NotificationConfig } from '../src/alerts/alert-types.js';
import { type AlertEngine, createAlertEngine } from '../src/alerts/create-alert-engine.js';
import { createMemoryAlertStore } from '../src/alerts/create-memory-alert-store.js';
import { slotOffsetMs } from '../src/alerts/evaluation-slot.js';
import type { NotificationMessage } from '../src/alerts/notification-message.js';
import { NotifierError, type Notifiers } from '../src/alerts/notifiers/notifier.js';
import { parseTimeWindow } from '../src/alerts/parse-time-window.js';

export const MIN = 60_000;
export const SEC = 1000;
export const HOUR = 60 * MIN;

/** What the fake OpenObserve answers for one slot (ms from t0). */
export type ScriptAnswer =
  | { rows: Record<string, unknown>[]; latencyMs?: number; freeze?: boolean }
  | { error: number }
  | { partial: true };
export type Script = (slotFromT0: number) => ScriptAnswer;

/** What a channel answers one attempt with. */
export type ChannelAnswer = 'ok' | NotifierError | { delayMs: number; then?: 'ok' | NotifierError };

export interface Sent {
  /** ms from t0 */
  at: number;
  type: ChannelType;
  channelKey: string;
  status: NotificationMessage['status'];
  reason: NotificationMessage['notificationReason'];
  alerts: NotificationMessage['alerts'];
  deliveryId: string;
  attempt: number;
  message: NotificationMessage;
}

export interface Harness {
  clock: FakeClock;
  engine: AlertEngine;
  store: AlertStore;
  t0: number;
  /** Successful sends, in order. */
  sent: Sent[];
  /** Every attempt, successful or not. */
  attempts: Sent[];
  queries: number[];
  errors: AlertEngineError[];
  /** Moves the fake clock to `t0 + ms`, letting async work run between timers. */
  at(ms: number): Promise<void>;
  answer(type: ChannelType, fn: (attempt: Sent) => ChannelAnswer): void;
  /** Lets frozen queries answer. */
  thaw(): void;
}

export const RULE_ID = 'rule-1';

export function channel(type: ChannelType, config: Record<string, unknown> = {}): NotificationConfig {
  return { type, enabled: true, config };
}

export function baseRule(overrides: Partial<AlertRuleInput> = {}): AlertRuleInput {
  return {
    id: RULE_ID,
    name: 'HighErrorRate',
    description: 'errors above 5%',
    enabled: true,
    condition: 'payment_failure_share',
    severity: 'high',
    threshold: 5,
    operator: '>',
    timeWindow: '5m',
    evaluationInterval: '1m',
    notifications: [channel('webhook')],
    ...overrides,
  };
}

/** One row per entry: `value` plus group labels. */
export const rows = (...values: (number | [Record<string, string>, number])[]) => ({
  rows: values.map((v) => (Array.isArray(v) ? { ...v[0], value: v[1] } : { value: v })),
});

/**
 * Starts an engine on a fake clock whose t0 is the rule's first evaluation slot, so scenario
 * times read as in the anchors (0, 1m, 3m30s, …).
 */
export async function startHarness(options: {
  rule: AlertRuleInput;
  script: Script;
  timings?: AlertEngineTimings;
  store?: AlertStore;
  clock?: FakeClock;
  t0?: number;
  owner?: string;
  start?: boolean;
}): Promise<Harness> {
  const intervalMs = parseTimeWindow(options.rule.evaluationInterval ?? '1m');
  const t0 =
    options.t0 ??
    Math.floor(1_767_225_600_000 / intervalMs) * intervalMs +
      intervalMs +
      slotOffsetMs(options.rule.id ?? RULE_ID, intervalMs);
  const clock = options.clock ?? createFakeClock(t0);
  const store = options.store ?? createMemoryAlertStore();
  const sent: Sent[] = [];
  const attempts: Sent[] = [];
  const queries: number[] = [];
  const errors: AlertEngineError[] = [];
  const answers = new Map<ChannelType, (attempt: Sent) => ChannelAnswer>();
  const frozen: (() => void)[] = [];

  const query = {
    async search<Row>(request: SearchRequest): Promise<SearchResult<Row>> {
      const slot = Number(request.end) / 1000 - t0;
      queries.push(slot);
      const answer = options.script(slot);
      // A frozen query answers only when the test calls thaw(): a process stopped mid-evaluation.
      if ('rows' in answer && answer.freeze) await new Promise<void>((resolve) => frozen.push(resolve));
      if ('rows' in answer && answer.latencyMs)
        await new Promise<void>((r) => clock.setTimeout(r, answer.latencyMs as number));
      if ('error' in answer) throw new Error(`OpenObserve answered ${answer.error}`);
      const result = {
        hits: 'rows' in answer ? answer.rows : [],
        total: 0,
        took: 1,
        from: 0,
        size: 0,
        scanSize: 0,
        functionErrors: [],
        isPartial: 'partial' in answer,
      };
      return result as unknown as SearchResult<Row>;
    },
  };

  const notifiers: Notifiers = {};
  for (const type of ['webhook', 'slack', 'email', 'sms'] as const) {
    notifiers[type] = {
      async send(message, ch, attempt) {
        const record: Sent = {
          at: clock.now() - t0,
          type: ch.type,
          channelKey: message.receiver,
          status: message.status,
          reason: message.notificationReason,
          alerts: message.alerts,
          deliveryId: attempt.deliveryId,
          attempt: attempt.attempt,
          message,
        };
        attempts.push(record);
        let answer = answers.get(type)?.(record) ?? 'ok';
        if (typeof answer === 'object' && 'delayMs' in answer) {
          const { delayMs, then } = answer;
          await new Promise<void>((resolve) => clock.setTimeout(resolve, delayMs));
          if (attempt.signal.aborted) return; // the engine already counted a timeout
          answer = then ?? 'ok';
        }
        if (answer instanceof NotifierError) throw answer;
        sent.push(record);
      },
    };
  }

  const engine = createAlertEngine({
    query,
    store,
    notifiers,
    clock,
    // One engine alone: no need to poll the store for other engines' work between due times.
    timings: { pollIntervalMs: HOUR, ...options.timings },
    random: () => 0.5,
    owner: options.owner ?? 'engine-a',
    onError: (e) => errors.push(e),
  });
  if (options.start !== false) {
    if (!(await store.loadRules()).some((r) => r.id === (options.rule.id ?? RULE_ID)))
      await engine.createRule(options.rule);
    await engine.start();
    await clock.advanceAsync(0);
  }
  return {
    clock,
    engine,
    store,
    t0,
    sent,
    attempts,
    queries,
    errors,
    async at(ms) {
      await clock.advanceAsync(t0 + ms - clock.now());
    },
    answer(type, fn) {
      answers.set(type, fn);
    },
    thaw() {
      for (const resolve of frozen.splice(0)) resolve();
    },
  };
}

export const summary = (list: Sent[]) =>
  list.map((s) => `${s.type}@${fmt(s.at)} ${s.status}×${s.alerts.length}`);

/** 3m30s, 1h0m30s … */
export function fmt(ms: number): string {
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MIN);
  const s = Math.round((ms % MIN) / SEC);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

export { NotifierError };
