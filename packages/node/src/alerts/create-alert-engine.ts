import { randomUUID } from 'node:crypto';
import { createSearchClient, resolveConfig, systemClock, type TimerHandle } from '@shoptel/core';
import {
  type AlertEngineError,
  type AlertEngineOptions,
  checkAlertEngineOptions,
  resolveAlertEngineTimings,
} from './alert-engine-options.js';
import type { AlertInstance, AlertRule, AlertRuleInput } from './alert-types.js';
import { attemptDelivery } from './attempt-delivery.js';
import { assertLabelMatchers, type LabelMatcher, parseLabelMatchers } from './label-matchers.js';
import { isSilenced } from './plan-notifications.js';
import { firstSlotAt, processRule } from './process-rule.js';
import type { RuleHealth } from './rule-state.js';
import type { Silence } from './silence.js';
import { toAlertInstance } from './to-alert-instance.js';
import { type SilenceChanges, updateSilence } from './update-silence.js';
import { validateAlertRule } from './validate-alert-rule.js';

const PRUNE_EVERY_MS = 3_600_000;

/** The engine's public surface: the seed's `AlertRuleEngine` plus silences and acknowledgements. */
export interface AlertEngine {
  /** Loads the rules and starts evaluating and delivering. */
  start(): Promise<void>;
  /** Stops timers and waits for the runs in progress. */
  stop(): Promise<void>;
  /** Validates (throwing a `ShoptelConfigError` naming each bad field) and stores a rule. */
  createRule(rule: AlertRuleInput): Promise<AlertRule>;
  updateRule(id: string, updates: Partial<AlertRuleInput>): Promise<AlertRule>;
  deleteRule(id: string): Promise<void>;
  getAllRules(): AlertRule[];
  getRule(id: string): AlertRule | undefined;
  toggleRule(id: string, enabled: boolean): Promise<AlertRule>;
  /** Evaluates a rule now, outside its schedule; false when another engine holds its lease. */
  evaluateRule(id: string): Promise<boolean>;
  /**
   * Silences alerts matching `matchers` (`{host=~"web-.*"}` or matcher objects) from `from` to `to`.
   * Silenced alerts keep their state; they are not notified, and the first flush after the
   * silence notifies them.
   */
  silence(
    matchers: string | LabelMatcher[],
    from: Date | number,
    to: Date | number,
    options?: { createdBy?: string; comment?: string },
  ): Promise<Silence>;
  /** Changes a silence under Alertmanager's rules; returns the silence that now applies. */
  updateSilence(
    id: string,
    changes: {
      matchers?: string | LabelMatcher[];
      startsAt?: Date | number;
      endsAt?: Date | number;
      comment?: string;
    },
  ): Promise<Silence>;
  /** Ends a silence now. */
  expireSilence(id: string): Promise<void>;
  getSilences(): Promise<Silence[]>;
  /** Acknowledges an alert (`AlertInstance.id`): its escalation chain stops. */
  acknowledge(alertId: string, by?: string): Promise<void>;
  /** Pending and firing alerts (and resolved ones still retained), newest first. */
  getActiveAlerts(): Promise<AlertInstance[]>;
  getRuleHealth(id: string): Promise<RuleHealth | undefined>;
}

/**
 * Creates the alert engine. Nothing runs until `start()`. Several engines may share one store
 * (PostgreSQL): each rule run and each delivery attempt is leased with a fencing epoch, so an
 * alert is paged once however many engines run.
 *
 * @example
 * const engine = createAlertEngine({
 *   config: { url: 'http://localhost:5080', auth: { username, password } },
 *   store: await openSqliteAlertStore('alerts.db'),
 *   notifiers: { webhook: createWebhookNotifier(), slack: createSlackNotifier() },
 * });
 * await engine.start();
 */
export function createAlertEngine(options: AlertEngineOptions): AlertEngine {
  checkAlertEngineOptions(options);
  const { store, notifiers } = options;
  const clock = options.clock ?? systemClock;
  const timings = resolveAlertEngineTimings(options.timings);
  const owner = options.owner ?? randomUUID();
  const random = options.random ?? Math.random;
  // Config errors throw here, at start-up, naming the field.
  const config = resolveConfig(options.config ?? {});
  const query = options.query ?? createSearchClient(config);
  const defaultInterval = `${config.alerts.evaluationIntervalSeconds}s`;
  const rules = new Map<string, AlertRule>();
  const evaluatedSinceStart = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const busyRules = new Set<string>();
  let running = false;
  let timer: TimerHandle | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let lastReloadAt = Number.NEGATIVE_INFINITY;
  let lastPruneAt = Number.NEGATIVE_INFINITY;

  const report = (error: AlertEngineError) => {
    try {
      options.onError?.(error);
    } catch {
      // A throwing handler must not stop the engine.
    }
  };
  const processDeps = { store, query, clock, timings, evaluatedSinceStart, report };

  const track = (work: Promise<void>) => {
    const settled = work
      .catch((error: unknown) =>
        report({ reason: 'store_failed', message: String((error as Error)?.message ?? error) }),
      )
      .finally(() => {
        inFlight.delete(settled);
        wake();
      });
    inFlight.add(settled);
  };

  async function reloadRules(): Promise<void> {
    lastReloadAt = clock.now();
    const loaded = await store.loadRules();
    rules.clear();
    for (const rule of loaded) rules.set(rule.id, rule);
  }

  async function runRule(
    ruleId: string,
    lease: { ruleId: string; epoch: number },
    manualSlot?: number,
  ): Promise<void> {
    busyRules.add(ruleId);
    try {
      if (!rules.has(ruleId)) await reloadRules();
      const rule = rules.get(ruleId);
      if (!rule) return await store.releaseRule(lease);
      await processRule(lease, rule, processDeps, manualSlot);
    } finally {
      busyRules.delete(ruleId);
    }
  }

  async function tick(): Promise<void> {
    await Promise.resolve();
    if (!running) return;
    const now = clock.now();
    // Other engines may have created, changed or deleted rules in a shared store.
    if (now - lastReloadAt >= timings.pollIntervalMs) await reloadRules();
    if (now - lastPruneAt >= PRUNE_EVERY_MS) {
      lastPruneAt = now;
      await store.prune(now - timings.retentionMs);
    }
    const leases = await store.claimDueRules(owner, now, timings.leaseMs, 16);
    for (const lease of leases) track(runRule(lease.ruleId, lease));
    const claims = await store.claimDueDeliveries(owner, clock.now(), timings.deliveryLeaseMs, 16);
    for (const claim of claims)
      track(
        attemptDelivery(claim, {
          store,
          notifiers,
          clock,
          random,
          onFailed: (c, error) =>
            report({
              reason: 'notification_failed',
              message: `${c.delivery.channelKey} (${c.delivery.channel.type}): ${error}`,
              ruleId: c.delivery.ruleId,
              deliveryId: c.delivery.deliveryId,
            }),
        }),
      );
    await scheduleNext();
  }

  async function scheduleNext(): Promise<void> {
    if (!running) return;
    const now = clock.now();
    const due = (await store.nextDueAt()) ?? Number.POSITIVE_INFINITY;
    arm(Math.min(Math.max(due, now), now + timings.pollIntervalMs));
  }

  function arm(at: number): void {
    if (!running || at >= timerAt) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timerAt = at;
    timer = clock.setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      track(tick());
    }, at - clock.now());
  }

  function wake(): void {
    if (!running) return;
    scheduleNext().catch((error: unknown) => {
      report({ reason: 'store_failed', message: String((error as Error)?.message ?? error) });
      // The store is unreachable: try again after a poll interval rather than stalling.
      arm(clock.now() + timings.pollIntervalMs);
    });
  }

  function requireRule(id: string): AlertRule {
    const rule = rules.get(id);
    if (!rule) throw new RangeError(`alert rule not found: ${id}`);
    return rule;
  }

  async function saveRule(rule: AlertRule): Promise<AlertRule> {
    validateAlertRule(rule, notifiers);
    await store.saveRule(rule, firstSlotAt(rule, clock.now()));
    rules.set(rule.id, rule);
    wake();
    return rule;
  }

  const toTime = (value: Date | number) => (value instanceof Date ? value.getTime() : value);
  const toMatchers = (matchers: string | LabelMatcher[]) => {
    if (typeof matchers === 'string') {
      const parsed = parseLabelMatchers(matchers, 'silence matchers');
      if (parsed.length === 0) throw new TypeError('silence matchers: at least one matcher is required');
      return parsed;
    }
    assertLabelMatchers(matchers, 'silence matchers');
    return matchers;
  };

  return {
    async start() {
      if (running) return;
      await reloadRules();
      running = true;
      arm(clock.now());
    },
    async stop() {
      running = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      await Promise.all([...inFlight]);
    },
    async createRule(input) {
      const now = new Date(clock.now()).toISOString();
      return saveRule({
        ...input,
        evaluationInterval: input.evaluationInterval ?? defaultInterval,
        id: input.id ?? randomUUID(),
        createdAt: now,
        updatedAt: now,
      } as AlertRule);
    },
    async updateRule(id, updates) {
      const rule = requireRule(id);
      return saveRule({
        ...rule,
        ...updates,
        id,
        createdAt: rule.createdAt,
        updatedAt: new Date(clock.now()).toISOString(),
      } as AlertRule);
    },
    async deleteRule(id) {
      requireRule(id);
      await store.deleteRule(id);
      rules.delete(id);
    },
    getAllRules: () => [...rules.values()],
    getRule: (id) => rules.get(id),
    toggleRule(id, enabled) {
      return this.updateRule(id, { enabled });
    },
    async evaluateRule(id) {
      requireRule(id);
      if (busyRules.has(id)) return false;
      const lease = await store.claimRule(id, owner, clock.now(), timings.leaseMs);
      if (!lease) return false;
      await runRule(id, lease, clock.now());
      wake();
      return true;
    },
    async silence(matchers, from, to, extra = {}) {
      const startsAt = toTime(from);
      const endsAt = toTime(to);
      if (!(endsAt > startsAt)) throw new RangeError('silence: to must be after from');
      const silence: Silence = {
        id: randomUUID(),
        matchers: toMatchers(matchers),
        startsAt,
        endsAt,
        createdBy: extra.createdBy ?? 'shoptel',
        comment: extra.comment ?? '',
        updatedAt: clock.now(),
      };
      await store.saveSilence(silence);
      wake();
      return silence;
    },
    async updateSilence(id, changes) {
      const old = (await store.loadSilences()).find((s) => s.id === id);
      if (!old) throw new RangeError(`silence not found: ${id}`);
      const normalized: SilenceChanges = {};
      if (changes.matchers !== undefined) normalized.matchers = toMatchers(changes.matchers);
      if (changes.startsAt !== undefined) normalized.startsAt = toTime(changes.startsAt);
      if (changes.endsAt !== undefined) normalized.endsAt = toTime(changes.endsAt);
      if (changes.comment !== undefined) normalized.comment = changes.comment;
      const written = updateSilence(old, normalized, clock.now(), randomUUID);
      for (const silence of written) await store.saveSilence(silence);
      wake();
      return written.at(-1) as Silence;
    },
    async expireSilence(id) {
      const old = (await store.loadSilences()).find((s) => s.id === id);
      if (!old) throw new RangeError(`silence not found: ${id}`);
      const now = clock.now();
      if (old.endsAt > now)
        await store.saveSilence({ ...old, endsAt: Math.max(now, old.startsAt), updatedAt: now });
      wake();
    },
    getSilences: () => store.loadSilences(),
    async acknowledge(alertId, by = 'shoptel') {
      const ruleId = alertId.slice(0, alertId.lastIndexOf(':'));
      requireRule(ruleId);
      await store.saveAcknowledgement({ alertId, ruleId, acknowledgedAt: clock.now(), acknowledgedBy: by });
    },
    async getActiveAlerts() {
      const [states, silences, deliveries] = await Promise.all([
        store.loadAllRuleStates(),
        store.loadSilences(),
        store.listDeliveries(),
      ]);
      const now = clock.now();
      const alerts: AlertInstance[] = [];
      for (const [ruleId, state] of states) {
        const rule = rules.get(ruleId);
        if (!rule) continue;
        const acks = await store.loadAcknowledgements(ruleId);
        for (const record of state.instances) {
          const sent = deliveries.filter(
            (d) =>
              d.status === 'sent' &&
              d.ruleId === ruleId &&
              d.message.alerts.some((a) => a.fingerprint === record.fingerprint),
          );
          const ack = acks.find(
            (a) => a.alertId === `${ruleId}:${record.fingerprint}` && a.acknowledgedAt >= record.activeAt,
          );
          const last = sent.map((d) => d.sentAt ?? 0).sort((a, b) => b - a)[0];
          alerts.push(
            toAlertInstance(rule, record, {
              silenced: isSilenced(silences, record.labels, now),
              notificationsSent: sent.length,
              ...(ack ? { acknowledgedAt: ack.acknowledgedAt } : {}),
              ...(last === undefined ? {} : { lastNotificationSent: last }),
            }),
          );
        }
      }
      return alerts.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    },
    async getRuleHealth(id) {
      return (await store.loadRuleState(id))?.health;
    },
  };
}
