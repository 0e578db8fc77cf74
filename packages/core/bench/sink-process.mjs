// Loopback sink, run as its own process (p4 method). Serves 127.0.0.1 on port 0 and tells the
// parent its port over IPC. Counts records: `_json` array length, `_multi` NDJSON lines (each
// parsed), OTLP `/v1/logs` logRecords. Answers OpenObserve's shape on `/api/...`, `{}` on OTLP.
// GET /count → totals; GET /wait?n=N long-polls until N records arrived.
import http from 'node:http';
import zlib from 'node:zlib';

let count = 0;
let posts = 0;
let bytes = 0;
let waiters = [];
const cpuStart = process.cpuUsage();

const snapshot = () => {
  const c = process.cpuUsage(cpuStart);
  return { count, posts, bytes, cpuUs: c.user + c.system };
};

function release() {
  const keep = [];
  for (const w of waiters) {
    if (count >= w.n) w.res.end(JSON.stringify(snapshot()));
    else keep.push(w);
  }
  waiters = keep;
}

function countRecords(path, text) {
  if (path === '/v1/logs') {
    const body = JSON.parse(text);
    let n = 0;
    for (const rl of body.resourceLogs ?? [])
      for (const sl of rl.scopeLogs ?? []) n += sl.logRecords?.length ?? 0;
    return n;
  }
  if (path.endsWith('/_multi')) {
    let n = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      JSON.parse(line);
      n++;
    }
    return n;
  }
  const body = JSON.parse(text);
  return Array.isArray(body) ? body.length : 1;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'GET') {
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/count') return res.end(JSON.stringify(snapshot()));
    if (url.pathname === '/wait') {
      const n = Number(url.searchParams.get('n'));
      if (count >= n) return res.end(JSON.stringify(snapshot()));
      waiters.push({ n, res });
      return;
    }
    res.statusCode = 404;
    return res.end('{}');
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let raw = Buffer.concat(chunks);
    bytes += raw.length;
    posts++;
    if (/gzip/i.test(req.headers['content-encoding'] ?? '')) raw = zlib.gunzipSync(raw);
    let n = 0;
    try {
      n = countRecords(url.pathname, raw.toString('utf8'));
    } catch {
      res.statusCode = 400;
      return res.end('{"message":"bad body"}');
    }
    count += n;
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/v1/logs') res.end('{}');
    else {
      const name = url.pathname.split('/')[3] ?? 'x';
      res.end(JSON.stringify({ code: 200, status: [{ name, successful: n, failed: 0 }] }));
    }
    release();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  if (process.send) process.send({ port });
  else console.log(`sink on http://127.0.0.1:${port}`);
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(3), 130_000).unref(); // never outlive a run
