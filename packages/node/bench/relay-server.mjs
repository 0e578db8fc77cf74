// The relay in its own process: node:http + shoptel.relay() forwarding to DEV_URL. Prints
// {"port"}; on "report" from stdin it flushes and prints its CPU time since the first request and
// the client's counters.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { createShoptel } from '@shoptel/node';

const shoptel = createShoptel({
  url: process.env.DEV_URL,
  auth: { username: 'root@example.com', password: 'Complexpass#123' },
  serviceName: 'relay-bench',
  batchSize: 1000,
});
const relay = shoptel.relay({ rateLimit: false });
let cpu0;
const server = createServer((req, res) => {
  cpu0 ??= process.cpuUsage();
  relay(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`),
);
createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line !== 'report') return;
  await shoptel.flush();
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${JSON.stringify({ cpuUs: cpu.user + cpu.system, stats: shoptel.stats() })}\n`);
});
