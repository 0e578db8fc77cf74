/**
 * OTLP/HTTP traces at `POST /api/{org}/v1/traces` (reference §7): JSON matched with starts_with, stream from
 * the `stream-name` header (default `default`), 200 `{"partialSuccess":null}`, 206 when spans are rejected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSpan, otlpTraceRequest } from './otlp-trace-payload.js';
import type { ErrorBody } from './response-types.js';
import { identifier, sql } from './sql.js';
import { type ContractTarget, readHttpResult, startContractTarget } from './target.js';
import { HOUR_US, recentWindowUs } from './time-window.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await startContractTarget();
});
afterAll(() => target?.stop());

interface TraceExportBody {
  partialSuccess?: { rejectedSpans?: number | string; errorMessage?: string } | null;
}

async function postTraces(body: unknown, headers: Record<string, string>) {
  const response = await target.fetchPath(`/api/${target.org}/v1/traces`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return readHttpResult<TraceExportBody & ErrorBody>(response);
}

/** Spans of one trace in a traces stream, polled until `expected` are searchable. */
async function countTraceSpans(stream: string, traceId: string, expected: number) {
  const { startUs, endUs } = recentWindowUs();
  const result = await target.searchUntil(
    sql`SELECT COUNT(*) AS cnt FROM ${identifier(stream)} WHERE trace_id = ${traceId}`,
    startUs,
    endUs,
    (answer) => Number(answer.body?.hits?.[0]?.cnt) === expected,
    { type: 'traces' },
  );
  return Number(result.body?.hits?.[0]?.cnt);
}

describe('OTLP JSON traces', () => {
  it('spans posted as application/json answer 200 {"partialSuccess":null} and land in the stream-name stream', async () => {
    const stream = target.uniqueStream('traces_ok');
    const root = createTestSpan('POST /checkout');
    const child = { ...createTestSpan('charge card'), traceId: root.traceId };
    const result = await postTraces(otlpTraceRequest('checkout', [root, child]), {
      'content-type': 'application/json',
      'stream-name': stream,
    });

    expect(result.status).toBe(200);
    expect(result.body).toEqual({ partialSuccess: null });
    // trace_id is OpenObserve's span column (its trace schema is not spelled out in the reference).
    expect(await countTraceSpans(stream, root.traceId, 2)).toBe(2);
  });

  it('start_time comes back from _search as a JSON number with all its nanosecond digits', async () => {
    const stream = target.uniqueStream('traces_ns');
    const span = createTestSpan('GET /ns');
    await postTraces(otlpTraceRequest('checkout', [span]), {
      'content-type': 'application/json',
      'stream-name': stream,
    });
    expect(await countTraceSpans(stream, span.traceId, 1)).toBe(1);
    const { startUs, endUs } = recentWindowUs();
    const result = await target.search(
      sql`SELECT start_time FROM ${identifier(stream)} WHERE trace_id = ${span.traceId}`,
      startUs,
      endUs,
      { type: 'traces' },
    );
    // Past 2^53, so JSON.parse would round it: the raw text is what a client reads.
    const nanos = BigInt(Math.round(span.startMs)) * 1_000_000n;
    expect(result.text).toContain(`"start_time":${nanos}`);
  });

  it('"application/json; charset=utf-8" is accepted for traces (JSON is matched with starts_with)', async () => {
    const stream = target.uniqueStream('traces_charset');
    const result = await postTraces(otlpTraceRequest('checkout', [createTestSpan('GET /cart')]), {
      'content-type': 'application/json; charset=utf-8',
      'stream-name': stream,
    });

    expect(result.status).toBe(200);
  });

  it('without a stream-name header spans go to the "default" traces stream', async () => {
    const span = createTestSpan('GET /default-stream');
    const result = await postTraces(otlpTraceRequest('checkout', [span]), {
      'content-type': 'application/json',
    });

    expect(result.status).toBe(200);
    expect(await countTraceSpans('default', span.traceId, 1)).toBe(1);
  });

  it('an invalid JSON body answers 400 {"code":400,"message":"Invalid json: …"}', async () => {
    const result = await postTraces('{"resourceSpans": [', {
      'content-type': 'application/json',
      'stream-name': target.uniqueStream('traces_bad_json'),
    });

    expect(result.status).toBe(400);
    expect(result.body?.code).toBe(400);
    expect(result.body?.message).toMatch(/^Invalid json/);
  });

  it('a span older than the 5 h window is rejected: 206 with partialSuccess.rejectedSpans', async () => {
    const stream = target.uniqueStream('traces_partial');
    const fresh = createTestSpan('fresh');
    const stale = createTestSpan('stale', Date.now() - (6 * HOUR_US) / 1000);
    const result = await postTraces(otlpTraceRequest('checkout', [fresh, stale]), {
      'content-type': 'application/json',
      'stream-name': stream,
    });

    expect(result.status).toBe(206);
    // OTLP JSON may write the int64 count as a string; the count, not its encoding, is contract.
    expect(Number(result.body?.partialSuccess?.rejectedSpans)).toBe(1);
  });

  it('OTLP protobuf is accepted by OpenObserve; the devserver may instead answer 415 with a message (issue 3)', async () => {
    // Zero bytes are a valid, empty ExportTraceServiceRequest.
    const response = await target.fetchPath(`/api/${target.org}/v1/traces`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-protobuf',
        'stream-name': target.uniqueStream('traces_proto'),
      },
      body: new Uint8Array(0),
    });

    if (target.kind === 'openobserve') {
      expect(response.status).toBe(200);
      return;
    }
    expect([200, 415]).toContain(response.status);
    if (response.status === 415) expect((await response.text()).length).toBeGreaterThan(0);
  });
});
