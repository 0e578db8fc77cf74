// A real 127.0.0.1 server that records every request and answers from a programmable function.
import type { IncomingHttpHeaders } from 'node:http';
import { startHttpServer } from './http-server.js';

export interface RecordedHttpRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
export interface HttpAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Answer this late (a slow receiver). */
  delayMs?: number;
}

export async function startRecordingServer(
  answer: (req: RecordedHttpRequest, index: number) => HttpAnswer = () => ({ status: 200, body: 'ok' }),
) {
  const requests: RecordedHttpRequest[] = [];
  const server = await startHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const reply = answer(recorded, requests.length - 1);
      const send = () => {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  return { ...server, requests };
}
