import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { alertStoreContract } from '../../test/alert-store-contract.js';
import { createMemoryAlertStore } from './create-memory-alert-store.js';
import { openSqliteAlertStore } from './open-sqlite-alert-store.js';

describe('memory store', () => {
  alertStoreContract(async () => createMemoryAlertStore());
});

describe('SQLite store (two connections to one file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shoptel-store-'));
  let n = 0;
  let file = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  alertStoreContract(
    async () => {
      file = join(dir, `store-${n++}.db`);
      return openSqliteAlertStore(file);
    },
    () => openSqliteAlertStore(file),
  );
});
