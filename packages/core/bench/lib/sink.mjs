import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const SINK = fileURLToPath(new URL('../sink-process.mjs', import.meta.url));

/** Starts a fresh sink process; resolves with { url, stop }. */
export function startSink() {
  return new Promise((resolve, reject) => {
    const child = fork(SINK, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const timer = setTimeout(() => reject(new Error('sink did not start')), 10_000);
    child.once('message', ({ port }) => {
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () => {
          child.kill('SIGKILL');
        },
      });
    });
    child.once('error', reject);
  });
}

const agent = new http.Agent({ keepAlive: false });

/** GET a sink JSON endpoint with plain node:http (not the transport under test). */
export function sinkGet(base, path) {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(JSON.parse(text)));
      })
      .on('error', reject);
  });
}
