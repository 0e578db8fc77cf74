// CPU per record of the wire serializer, for the record shapes that choose its paths:
//   flat        the 12-field snake_case order record (the fast path)
//   camel       the same with camelCase keys (userId, orderId, requestId, sessionId)
//   metadata    the 12 fields plus a nested `metadata` object of 4 fields
//   long-id     the 12 fields with a 16-digit order id that is not a card number
// Two figures per shape, each the median of ROUNDS rounds of N records:
//   serialize   createRecordSerializer alone, bundled from src/ with tsup's esbuild (the
//               serializer is internal); --src=path/to/serialize-record.ts measures another copy
//               beside it (e.g. one checked out from an older commit), in the same child
//   client      createClient from dist/ (run `pnpm build` first) with a transport that answers
//               at once: process CPU of send + flush, per record
// Each shape runs in its own child process, so one shape's garbage and inline caches do not bill
// another. Not a test: figures depend on the machine and its load.
//   node bench/serializer-cost.mjs [--rounds=9] [--src=<older checkout>/packages/core/src/wire/serialize-record.ts]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { orderRecord } from './lib/records.mjs';
import { median } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ROUNDS = Number(option('rounds', 9));
const OTHER_SRC = option('src', undefined);
const N = 20_000;
const ACTIONS = ['order_created', 'order_paid', 'order_shipped', 'order_refunded'];
const STATUSES = ['pending', 'paid', 'shipped', 'refunded'];

const SHAPES = {
  flat: (i) => orderRecord(i),
  // Written as a literal, as an app writes it: an object built by rest/spread from another may be
  // in dictionary mode, which costs more than the keys do.
  camel: (i) => ({
    level: 'info',
    category: 'order',
    action: ACTIONS[i & 3],
    message: 'order event',
    userId: `u-${i % 5000}`,
    orderId: `o-${i}`,
    amount: 10 + (i % 1000) / 4,
    currency: 'EUR',
    status: STATUSES[i & 3],
    service: 'checkout',
    requestId: `r-${i}`,
    sessionId: `s-${i % 20000}`,
  }),
  metadata: (i) => ({
    ...orderRecord(i),
    metadata: { sku: `sku-${i % 300}`, quantity: 1 + (i % 5), warehouse: 'ber-1', coupon: 'SPRING' },
  }),
  'long-id': (i) => ({ ...orderRecord(i), order_id: String(1_732_550_400_000_000 + i) }),
};

const shape = option('shape', undefined);
if (shape === undefined) {
  // Parent: one child per shape, then the table.
  const self = fileURLToPath(import.meta.url);
  const rows = Object.keys(SHAPES).map((name) => {
    const args = ['--expose-gc', self, `--shape=${name}`, `--rounds=${ROUNDS}`];
    if (OTHER_SRC) args.push(`--src=${OTHER_SRC}`);
    return JSON.parse(
      execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
  });
  console.log(`ns of CPU per record, median of ${ROUNDS} rounds of ${N} (node ${process.version})`);
  console.log(`shape       serialize${OTHER_SRC ? '   --src' : ''}   client (send + flush)`);
  for (const row of rows) {
    const other = OTHER_SRC ? `   ${row.other.toFixed(0).padStart(5)}` : '';
    console.log(
      `${row.shape.padEnd(10)}  ${row.serialize.toFixed(0).padStart(9)}${other}   ${row.client.toFixed(0).padStart(9)}`,
    );
  }
} else {
  console.log(JSON.stringify(await measure(shape)));
}

async function loadSerializer(entry) {
  const require = createRequire(fileURLToPath(import.meta.url));
  const esbuild = createRequire(require.resolve('tsup'))('esbuild');
  const out = await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', write: false });
  const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
  const module = await import(url);
  const id = '0190b6c6-0000-7000-8000-000000000001';
  const idBytes = new TextEncoder().encode(id);
  return module.createRecordSerializer({
    flattenLevel: 3,
    maxStringLength: 65_536,
    commonFields: { service: 'checkout', sdk: 'shoptel-node/0.1.0' },
    ingestWindow: { allowedPastMs: 5 * 3600_000, allowedFutureMs: 24 * 3600_000 },
    // Older serializers take `newEventId`, newer ones `eventIds`.
    newEventId: () => id,
    eventIds: { next: () => id, writeNext: (bytes, at) => bytes.set(idBytes, at) },
  });
}

function cpuNs(before) {
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1000) / N;
}

async function measure(name) {
  const { createClient } = await import('@shoptel/core');
  const make = SHAPES[name];
  const serializers = {
    serialize: await loadSerializer(
      fileURLToPath(new URL('../src/wire/serialize-record.ts', import.meta.url)),
    ),
  };
  if (OTHER_SRC) serializers.other = await loadSerializer(OTHER_SRC);
  // An empty 2xx body counts every record as stored.
  const answerTransport = { send: () => Promise.resolve({ status: 200, headers: {}, body: '' }) };
  const client = createClient({
    url: 'http://127.0.0.1:9',
    organization: 'default',
    auth: { username: 'bench@example.com', password: 'bench' },
    transport: answerTransport,
  });
  const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const samples = { serialize: [], other: [], client: [] };
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order of the serializers, so neither always runs on a fresher heap.
    const order = Object.entries(serializers);
    if (round % 2) order.reverse();
    for (const [which, serialize] of order) {
      const records = Array.from({ length: N }, (_, i) => make(i + round * N));
      const now = Date.now();
      global.gc?.();
      const before = process.cpuUsage();
      for (const record of records) sink += serialize(record, now, now).ok ? 1 : 0;
      samples[which].push(cpuNs(before));
    }
    const records = Array.from({ length: N }, (_, i) => make(i + round * N));
    global.gc?.();
    const before = process.cpuUsage();
    // Chunks of 1000 with a macrotask between, as an app would call it (and within the queue bound).
    for (let at = 0; at < N; at += 1000) {
      for (let i = at; i < at + 1000; i++) client.send('business_events', records[i]);
      await macrotask();
    }
    await client.flush();
    samples.client.push(cpuNs(before));
  }
  await client.shutdown({ timeoutMs: 1000 });
  if (sink !== ROUNDS * N * Object.keys(serializers).length) throw new Error('a record failed to serialize');
  return {
    shape: name,
    serialize: median(samples.serialize),
    other: median(samples.other),
    client: median(samples.client),
  };
}
