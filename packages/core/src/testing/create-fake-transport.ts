import {
  type Transport,
  TransportError,
  type TransportRequest,
  type TransportResponse,
} from '../transport/transport.js';

/** A recorded request, with the body decoded for assertions. */
export interface RecordedRequest extends TransportRequest {
  /** The records in the body, when it is an uncompressed JSON array. */
  records: Record<string, unknown>[];
}

/** What the fake answers: a response, or an error to reject with (a `TransportError`). */
export type FakeAnswer = TransportResponse | Error;

/** A transport that records requests and answers from a script, for unit tests of the client. */
export interface FakeTransport extends Transport {
  readonly requests: RecordedRequest[];
  /** Answers for the next requests, in order; when empty, `fallback` answers. */
  enqueueAnswers(...answers: FakeAnswer[]): void;
  /** Holds requests unanswered until `release()`, to test in-flight limits. */
  hold(): void;
  release(): void;
}

/** The answer OpenObserve gives when every record was stored. */
export function okIngestAnswer(request: TransportRequest): TransportResponse {
  const records = typeof request.body === 'string' ? (JSON.parse(request.body) as unknown[]).length : 0;
  return {
    status: 200,
    headers: {},
    body: JSON.stringify({ code: 200, status: [{ name: 's', successful: records, failed: 0 }] }),
  };
}

export function createFakeTransport(
  fallback: (request: TransportRequest) => FakeAnswer = okIngestAnswer,
): FakeTransport {
  const requests: RecordedRequest[] = [];
  const script: FakeAnswer[] = [];
  let held: (() => void)[] | undefined;

  return {
    requests,
    enqueueAnswers: (...answers) => {
      script.push(...answers);
    },
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const go of waiting) go();
    },
    async send(request) {
      const records =
        typeof request.body === 'string' ? (JSON.parse(request.body) as Record<string, unknown>[]) : [];
      requests.push({ ...request, records });
      if (held !== undefined) {
        await new Promise<void>((resolve, reject) => {
          held!.push(resolve);
          // Like a real transport, an abort ends a held request at once.
          request.signal?.addEventListener(
            'abort',
            () => reject(new TransportError('network', 'request aborted')),
            {
              once: true,
            },
          );
        });
      }
      const answer = script.shift() ?? fallback(request);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}
