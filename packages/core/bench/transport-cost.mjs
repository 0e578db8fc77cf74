// Client CPU per request of `createNodeHttpTransport()` against a plain keep-alive `node:http`
// request, both posting the same ~34 KB `_json` batch (100 records) to the bench sink process.
// Each subject runs in its own child process, alternated, two requests in flight as the client's
// default `maxInFlight`. Uses dist: run `pnpm --filter @shoptel/core build` first.
//   node bench/transport-cost.mjs [requests=4000] [rounds=2]
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { startSink } from './lib/sink.mjs';

const [first, second, third] = process.argv.slice(2);

if (first === '--child') await measure(second, third, Number(process.argv[5]));
else await compare(Number(first ?? 4000), Number(second ?? 2));

async function compare(requests, rounds) {
  const sink = await startSink();
  const self = fileURLToPath(import.meta.url);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const subject of ['node:http', 'createNodeHttpTransport']) {
        const out = execFileSync('node', [self, '--child', subject, sink.url, String(requests)]);
        console.log(out.toString().trim());
      }
    }
  } finally {
    sink.stop();
  }
}

async function measure(subject, base, requests) {
  const url = `${base}/api/default/bench/_json`;
  const records = Array.from({ length: 100 }, (_, i) =>
    JSON.stringify({ _timestamp: 1_700_000_000_000_000 + i, seq: i, message: 'x'.repeat(300) }),
  );
  const body = new TextEncoder().encode(`[${records.join(',')}]`);
  const headers = { 'content-type': 'application/json', authorization: 'Basic YmVuY2g6YmVuY2g=' };
  const send = subject === 'node:http' ? nodeHttpSend() : await transportSend();
  const one = () => send(url, headers, body);

  for (let i = 0; i < 300; i++) await Promise.all([one(), one()]);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < requests / 2; i++) await Promise.all([one(), one()]);
  const cpu = process.cpuUsage(cpu0);
  const perRequest = (us) => (us / requests).toFixed(0).padStart(4);
  console.log(
    `${subject.padEnd(24)} ${perRequest(cpu.user + cpu.system)} µs CPU/request ` +
      `(user ${perRequest(cpu.user)}, sys ${perRequest(cpu.system)}) over ${requests} requests`,
  );
  process.exit(0);
}

/** What the transport did before: a keep-alive agent, the answer collected and decoded whole. */
function nodeHttpSend() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  return (url, headers, body) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'content-length': body.byteLength } },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const answer = {};
            for (const [key, value] of Object.entries(res.headers))
              answer[key] = Array.isArray(value) ? value.join(', ') : value;
            resolve({ status: res.statusCode, headers: answer, body: Buffer.concat(chunks).toString() });
          });
        },
      );
      const timer = setTimeout(() => req.destroy(), 30_000);
      req.on('close', () => clearTimeout(timer));
      req.on('error', reject);
      req.end(body);
    });
}

async function transportSend() {
  const { createNodeHttpTransport } = await import('@shoptel/core/node');
  const transport = createNodeHttpTransport();
  return (url, headers, body) =>
    transport.send({ url, method: 'POST', headers, body, timeoutMs: 30_000 }).then((answer) => {
      if (answer.status !== 200) throw new Error(`status ${answer.status}`);
      return answer;
    });
}
