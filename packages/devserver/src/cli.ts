#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startDevServer } from './index.js';
import {
  DEFAULT_HOST,
  DEFAULT_PASSWORD,
  DEFAULT_PORT,
  DEFAULT_SEARCH_TIMEOUT_MS,
  DEFAULT_USER,
} from './server/resolve-dev-server-options.js';
import { DEFAULT_MEMORY_LIMIT } from './store/create-store.js';

const HELP = `shoptel-devserver — a local OpenObserve-compatible server on DuckDB

Usage: shoptel-devserver [options]

  --port <n>            port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host <addr>         interface to bind (default ${DEFAULT_HOST})
  --data <file>         DuckDB file; data survives restarts (default: in memory)
  --memory              keep data in memory even if --data is given
  --user <email>        Basic-auth user (default ${DEFAULT_USER})
  --password <secret>   Basic-auth password (default ${DEFAULT_PASSWORD})
  --cors-origin <list>  more origins allowed by CORS, comma-separated: scheme://host[:port],
                        scheme://host:* (any port) or * (every origin, without credentials);
                        http://localhost:*, http://127.0.0.1:* and http://[::1]:* always are
  --payload-limit <n>   largest accepted body in bytes, after decompression (default 209715200)
  --search-timeout <ms> longest a search may run, then 408 (default ${DEFAULT_SEARCH_TIMEOUT_MS}; 0 = none)
  --memory-limit <size> DuckDB memory_limit, e.g. 512MB or 4GB (default ${DEFAULT_MEMORY_LIMIT})
  --log                 print one line per request
  -h, --help            show this help
`;

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  const payloadLimitBytes =
    values['payload-limit'] === undefined ? undefined : Number(values['payload-limit']);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    fail(`--port: not a port: ${values.port}`);
  if (payloadLimitBytes !== undefined && (!Number.isInteger(payloadLimitBytes) || payloadLimitBytes <= 0)) {
    fail(`--payload-limit: not a positive number of bytes: ${values['payload-limit']}`);
  }
  const searchTimeoutMs =
    values['search-timeout'] === undefined ? undefined : Number(values['search-timeout']);
  if (searchTimeoutMs !== undefined && (!Number.isInteger(searchTimeoutMs) || searchTimeoutMs < 0))
    fail(`--search-timeout: not a number of milliseconds: ${values['search-timeout']}`);
  const server = await startDevServer({
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values.data ? { data: values.data } : {}),
    memory: values.memory ?? false,
    ...(values.user ? { user: values.user } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(values['cors-origin'] ? { corsOrigin: values['cors-origin'] } : {}),
    ...(payloadLimitBytes !== undefined ? { payloadLimitBytes } : {}),
    ...(searchTimeoutMs !== undefined ? { searchTimeoutMs } : {}),
    ...(values['memory-limit'] ? { memoryLimit: values['memory-limit'] } : {}),
    log: values.log ?? false,
  });
  const user = values.user ?? DEFAULT_USER;
  const secret = values.password ? '<your --password>' : DEFAULT_PASSWORD;
  process.stdout.write(
    `shoptel-devserver listening on ${server.url}\n` +
      `  data: ${server.dataPath}\n` +
      `  auth: Basic ${user} / ${secret}   (OPENOBSERVE_URL=${server.url} OPENOBSERVE_ORGANIZATION=default)\n` +
      `  page: ${server.url}/\n`,
  );
  // First signal: a graceful stop. Second: close open connections now, but still load the rows
  // already accepted. Third: exit at once (queued rows may be lost).
  let signals = 0;
  const shutdown = () => {
    signals++;
    if (signals === 1) {
      server.stop().then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
    } else if (signals === 2) {
      console.error('shoptel-devserver: closing connections, loading queued rows (again to quit now)');
      void server.stop({ force: true });
    } else process.exit(130);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function parse() {
  return parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean' },
      user: { type: 'string' },
      password: { type: 'string' },
      'cors-origin': { type: 'string' },
      'payload-limit': { type: 'string' },
      'search-timeout': { type: 'string' },
      'memory-limit': { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

main().catch((error) => {
  console.error(`shoptel-devserver failed to start: ${(error as Error).message}`);
  process.exit(1);
});
