// Child process of run-all.mjs: posts pre-built `_json` bodies over keep-alive HTTP and reports
// the rate. Running in its own process keeps the client's CPU off the server's event loop.
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';

const [url, auth, stream, totalRequests, batchSize, gzip, concurrency] = process.argv.slice(2);
const total = Number(totalRequests);
const size = Number(batchSize);
const useGzip = gzip === 'gzip';
// 'normalise': the same records as another client might write them (ms timestamps, camelCase
// keys, a nested object), so the server must rewrite every record instead of loading it as written.
const needsNormalising = gzip === 'normalise';
const inFlight = Number(concurrency);
const target = new URL(`/api/default/${stream}/_json`, url);
const agent = new Agent({ keepAlive: true, maxSockets: inFlight });

const LEVELS = ['DEBUG', 'INFO', 'INFO', 'INFO', 'WARN', 'ERROR'];
const CATEGORIES = ['USER', 'ORDER', 'PAYMENT', 'INVENTORY', 'SYSTEM'];
const ACTIONS = [
  'login',
  'order_created',
  'payment_captured',
  'stock_reserved',
  'cart_updated',
  'checkout_started',
];

// business_events-like records (15 fields, wire-format.md), distinct per body.
function makeBody(seed) {
  const nowUs = Date.now() * 1000;
  const records = [];
  for (let i = 0; i < size; i++) {
    const n = seed * size + i;
    records.push({
      _timestamp: nowUs - (n % 3_600_000) * 1000,
      event_id: `0190f6a4-${n.toString(16).padStart(8, '0')}-7000-8000-${(n * 7919).toString(16).padStart(12, '0')}`,
      service: 'caddy-shopping-backend',
      level: LEVELS[n % LEVELS.length],
      category: CATEGORIES[n % CATEGORIES.length],
      action: ACTIONS[n % ACTIONS.length],
      message: `${ACTIONS[n % ACTIONS.length]} for user_${n % 50_000}`,
      user_id: `user_${(n * 31) % 50_000}`,
      session_id: `sess_${(n * 17) % 20_000}`,
      request_id: `req_${n}`,
      order_id: `ord_${n % 100_000}`,
      amount: Math.round(((n * 37) % 50_000) + 99) / 100,
      currency: 'USD',
      status: n % 10 === 0 ? 'failed' : 'ok',
      quantity: (n % 5) + 1,
    });
  }
  const shaped = needsNormalising
    ? records.map(({ _timestamp, user_id, order_id, amount, ...rest }) => ({
        ...rest,
        _timestamp: Math.floor(_timestamp / 1000),
        userId: user_id,
        order: { id: order_id, amount },
      }))
    : records;
  const json = Buffer.from(JSON.stringify(shaped));
  return useGzip ? gzipSync(json) : json;
}

const bodies = Array.from({ length: 16 }, (_, i) => makeBody(i + (useGzip ? 1000 : 0)));
const headers = {
  authorization: auth,
  'content-type': 'application/json',
  ...(useGzip ? { 'content-encoding': 'gzip' } : {}),
};

function post(body) {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: 'POST', agent, headers: { ...headers, 'content-length': body.length } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200)
            return reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks)}`));
          const status = JSON.parse(Buffer.concat(chunks).toString()).status[0];
          resolve(status.successful);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let sent = 0;
let successful = 0;
async function worker() {
  while (sent < total) {
    const body = bodies[sent++ % bodies.length];
    const ok = await post(body);
    successful += ok;
  }
}
// Warm-up: one request outside the measurement (JIT, table creation).
const warm = await post(bodies[0]);
successful += warm;
sent = 1;
const started = performance.now();
const cpuBefore = process.cpuUsage();
await Promise.all(Array.from({ length: inFlight }, worker));
const seconds = (performance.now() - started) / 1000;
// If the client kept a core busy, the rate would measure the client rather than the server.
const cpu = process.cpuUsage(cpuBefore);
const clientCores = (cpu.user + cpu.system) / 1e6 / seconds;
const records = (total - 1) * size;
process.stdout.write(
  JSON.stringify({
    records,
    successful,
    seconds,
    rate: records / seconds,
    clientCores,
    bodyBytes: bodies[0].length,
  }),
);
agent.destroy();
