// 5,000 records sent in one synchronous burst with DEFAULT settings (createClient with only url,
// organization and auth: default ky transport, batch 100, 2 in flight, queue 10,000 / 8 MiB).
// `node bench/burst-drop.mjs <sinkUrl> <resultFile>`.
import { writeFileSync } from 'node:fs';
import { createClient } from '@shoptel/core';
import { orderRecord, STREAM } from './lib/records.mjs';
import { sinkGet } from './lib/sink.mjs';

const [sinkUrl, resultFile] = process.argv.slice(2);
const N = 5000;
const errors = [];
const client = createClient({
  url: sinkUrl,
  organization: 'default',
  auth: { username: 'bench@example.com', password: 'bench' },
  onError: (e) => errors.push({ reason: e.reason, count: e.count, message: e.message }),
});
const confirmed = sinkGet(sinkUrl, `/wait?n=${N}`);
const t0 = performance.now();
for (let i = 0; i < N; i++) client.send(STREAM, orderRecord(i));
const afterBurst = client.stats();
const deadline = new Promise((r) => setTimeout(() => r(undefined), 30_000));
const sink = await Promise.race([confirmed, deadline]);
const wallMs = performance.now() - t0;
const stats = await client.shutdown({ timeoutMs: 10_000 });
const sinkFinal = await sinkGet(sinkUrl, '/count');
writeFileSync(
  resultFile,
  JSON.stringify({
    n: N,
    settings:
      'defaults (ky transport, batchSize 100, maxInFlight 2, maxQueueEvents 10000, maxQueueBytes 8 MiB)',
    droppedRightAfterBurst: afterBurst.dropped,
    queuedRightAfterBurst: afterBurst.queued,
    stats,
    delivered: sinkFinal.count,
    posts: sinkFinal.posts,
    confirmedWithinMs: sink ? Math.round(wallMs) : null,
    errors,
  }),
);
process.exit(0);
