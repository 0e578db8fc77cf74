// One node:http server on 127.0.0.1 that serves the bench page and is every SDK's collector: it
// answers any request with success, and counts the subject's events in request bodies (gunzipped
// where needed) and when the last one arrived. COOP/COEP make performance.now() precise.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';

export async function startCollector(html, scripts, marker) {
  const state = { events: 0, requests: 0, lastEventAt: 0 };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url, 'http://localhost');
      const headers = {
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cross-origin-resource-policy': 'same-origin',
        'cache-control': 'no-store',
      };
      if (req.method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { ...headers, 'content-type': 'text/html' });
        return res.end(html);
      }
      if (req.method === 'GET' && scripts[url.pathname]) {
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
        return res.end(scripts[url.pathname]);
      }
      let body = Buffer.concat(chunks);
      if (body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
      const text = body.toString('utf8');
      const count = text.split(marker).length - 1;
      state.requests++;
      if (count > 0) {
        state.events += count;
        state.lastEventAt = Date.now();
      }
      res.writeHead(url.pathname === '/shoptel' ? 202 : 200, {
        ...headers,
        'content-type': 'application/json',
      });
      res.end(url.pathname === '/shoptel' ? '{"accepted":0,"rejected":[]}' : '{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    state,
    reset() {
      state.events = 0;
      state.requests = 0;
      state.lastEventAt = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
