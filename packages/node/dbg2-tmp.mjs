import { startDevServer } from '@shoptel/devserver';
import create from '@shoptel/node/pino';

const server = await startDevServer({ port: 0 });
const stream = await create({
  url: server.url,
  auth: { username: 'root@example.com', password: 'Complexpass#123' },
});
for (let i = 0; i < 1000; i++)
  stream.write(JSON.stringify({ level: 30, time: Date.now(), msg: 'm' + i, seq: i }) + '\n');
console.log('written');
const t = setTimeout(() => console.log('flush hang'), 5000);
await stream.flush();
clearTimeout(t);
console.log('flushed');
stream.end();
await new Promise((r) => stream.on('close', r));
console.log('closed');
const res = await fetch(`${server.url}/api/default/_search`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    authorization: 'Basic ' + Buffer.from('root@example.com:Complexpass#123').toString('base64'),
  },
  body: JSON.stringify({
    query: {
      sql: 'SELECT count(*) AS n, max(seq) as mx FROM application_logs',
      start_time: 0,
      end_time: Date.now() * 1000 + 6e7,
    },
  }),
});
console.log(JSON.stringify((await res.json()).hits));
await server.stop();
