/**
 * Request compression and the payload limit (reference §4): gzip, deflate and br bodies are decoded;
 * an unknown Content-Encoding is 415; a body over ZO_PAYLOAD_LIMIT — measured after decompression — is 413.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestBody } from './response-types.js';
import {
  basicAuthHeader,
  type ContractTarget,
  contractTargetKind,
  QUICK_START_PASSWORD,
  QUICK_START_USER,
  readHttpResult,
  skipBecause,
  startContractTarget,
  startLocalDevServer,
} from './target.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

const ENCODERS = {
  gzip: gzipSync,
  // HTTP "deflate" is the zlib format (RFC 1950), which is what deflateSync writes.
  deflate: deflateSync,
  br: brotliCompressSync,
} as const;

function records(count: number) {
  return Array.from({ length: count }, (_, index) => ({ message: `compressed record ${index}`, index }));
}

describe('Content-Encoding on ingestion', () => {
  it.each(Object.keys(ENCODERS) as (keyof typeof ENCODERS)[])(
    'a %s-encoded _json body is decoded and ingested',
    async (encoding) => {
      const stream = target.uniqueStream(`encoding_${encoding}`);
      const response = await target.fetchPath(`/api/${target.org}/${stream}/_json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: ENCODERS[encoding](Buffer.from(JSON.stringify(records(25)))),
      });
      const result = await readHttpResult<IngestBody>(response);

      expect(result.status).toBe(200);
      expect(result.body?.status?.[0]).toMatchObject({ name: stream, successful: 25, failed: 0 });
    },
  );

  it('an unsupported Content-Encoding answers 415', async () => {
    const stream = target.uniqueStream('encoding_unknown');
    const response = await target.fetchPath(`/api/${target.org}/${stream}/_json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'compress' },
      body: JSON.stringify(records(1)),
    });

    expect(response.status).toBe(415);
  });
});

const onRealServer = contractTargetKind() === 'openobserve';
const LIMIT_SKIP_REASON =
  '413 is checked only on a devserver started with a small payloadLimitBytes; OpenObserve’s ZO_PAYLOAD_LIMIT is 200 MiB';

describe.skipIf(skipBecause(onRealServer, LIMIT_SKIP_REASON))(
  'payload limit (devserver with payloadLimitBytes)',
  () => {
    const PAYLOAD_LIMIT_BYTES = 4096;
    let small: Awaited<ReturnType<typeof startLocalDevServer>>;
    beforeAll(async () => {
      small = await startLocalDevServer({ payloadLimitBytes: PAYLOAD_LIMIT_BYTES });
    });
    afterAll(() => small?.stop());

    function postToSmall(body: Buffer | string, extraHeaders: Record<string, string> = {}) {
      return fetch(`${small.url}/api/${target.org}/limit_probe/_json`, {
        method: 'POST',
        headers: {
          authorization: basicAuthHeader(QUICK_START_USER, QUICK_START_PASSWORD),
          'content-type': 'application/json',
          ...extraHeaders,
        },
        body,
      });
    }

    const bodyOfBytes = (bytes: number) => {
      const padding = 'x'.repeat(bytes - JSON.stringify([{ message: '' }]).length);
      return JSON.stringify([{ message: padding }]);
    };

    it('a body under the limit is accepted', async () => {
      const response = await postToSmall(bodyOfBytes(PAYLOAD_LIMIT_BYTES - 100));
      expect(response.status).toBe(200);
    });

    it('a body over the limit answers 413', async () => {
      const response = await postToSmall(bodyOfBytes(PAYLOAD_LIMIT_BYTES + 100));
      expect(response.status).toBe(413);
    });

    it('the limit applies to the decompressed body: small gzip that inflates past it answers 413', async () => {
      const compressed = gzipSync(Buffer.from(bodyOfBytes(PAYLOAD_LIMIT_BYTES * 4)));
      expect(compressed.length).toBeLessThan(PAYLOAD_LIMIT_BYTES);

      const response = await postToSmall(compressed, { 'content-encoding': 'gzip' });
      expect(response.status).toBe(413);
    });
  },
);
