// A light ingest sink for the log-transport bench, in its own process: answers OpenObserve's
// `_json`/`_multi` success and counts records without parsing them (the sink's CPU should stay
// small next to the subjects'). `GET /count` answers the records received so far.
// Prints `port <n>` when it listens.
import http from 'node:http';

let received = 0;
function countRecords(body, multi) {
  let n = 0;
  if (multi) {
    for (const line of body.split('\n')) if (line.trim() !== '') n++;
    return n;
  }
  // shoptel's serializer starts every record with `{"_timestamp":`.
  for (let at = body.indexOf('{"_timestamp":'); at !== -1; at = body.indexOf('{"_timestamp":', at + 14)) n++;
  return n;
}
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ received }));
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const n = countRecords(Buffer.concat(chunks).toString('utf8'), req.url.endsWith('/_multi'));
    received += n;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 200, status: [{ name: 'bench_logs', successful: n, failed: 0 }] }));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
