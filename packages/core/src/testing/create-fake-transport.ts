import {
  type Transport,
  TransportError,
  type TransportRequest,
  type TransportResponse,
} from '../transport/transport.js';

/** A recorded request, with the body decoded for assertions. */
export interface RecordedRequest extends TransportRequest {
  /** The body as text (UTF-8 decoded when it is bytes; compressed bodies are not inflated). */
  text: string;
  /** The records in the body, when it is an uncompressed JSON array. */
  records: Record<string, unknown>[];
}

declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

/** A request body as text: the client sends `_json` batches as UTF-8 bytes. */
export function bodyText(body: string | Uint8Array | undefined): string {
  if (body === undefined) return '';
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

function recordsOf(request: TransportRequest): Record<string, unknown>[] {
  if (request.headers['content-encoding'] !== undefined || request.body === undefined) return [];
  const parsed = JSON.parse(bodyText(request.body)) as unknown;
  return Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [];
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
  const records = recordsOf(request).length;
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
      requests.push({ ...request, text: bodyText(request.body), records: recordsOf(request) });
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
