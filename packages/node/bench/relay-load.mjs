// Load for the relay benchmark, in its own process: EVENTS browser events in NDJSON batches of
// BATCH, CONCURRENCY requests at once over keep-alive connections. Writes {wallMs, statuses}.
import http from 'node:http';
import { writeResult } from './lib/harness.mjs';

const [port] = process.argv.slice(2);
const EVENTS = Number(process.env.EVENTS ?? 200_000);
const BATCH = Number(process.env.BATCH ?? 30);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const UAS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
];
const TYPES = ['PAGE_VIEW', 'PRODUCT_VIEW', 'SEARCH', 'CART_ADD'];
const eventLine = (i) =>
  JSON.stringify({
    event_type: TYPES[i & 3],
    session_id: `s-${i % 500}`,
    anonymous_id: `a-${i % 900}`,
    page: `/p/${i % 50}`,
    url: `https://shop.example/p/${i % 50}?utm_source=news`,
    title: 'Blue mug',
    product_id: `sku-${i % 50}`,
    price: 12.5,
    quantity: 1,
    currency: 'EUR',
    screen_resolution: '1920x1080',
    language: 'en-US',
    user_agent: UAS[i % 3],
    event_time: new Date().toISOString(),
    source: 'auto',
  });

function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/t',
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/plain' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const bodies = [];
for (let at = 0; at < EVENTS; at += BATCH) {
  const lines = [];
  for (let i = at; i < Math.min(EVENTS, at + BATCH); i++) lines.push(eventLine(i));
  bodies.push(lines.join('\n'));
}
const statuses = {};
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < bodies.length) {
      const status = await post(bodies[next++]);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
writeResult({
  events: EVENTS,
  batch: BATCH,
  concurrency: CONCURRENCY,
  wallMs: performance.now() - started,
  statuses,
});
process.exit(0);
