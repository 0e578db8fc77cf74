// Shared by the delivery tests against a real server: a client with default settings behind a
// transport that notes which records were in requests the client gave up waiting for, fed at a
// steady rate from a timer loop, as an app's traffic would be.
//
// The transport is core's keep-alive one for Node (HTTP/1.1 on net sockets), the default `@shoptel/node` gives the client:
// the client and the sink share this process and its two cores with the test runner, and ky's
// fetch costs about four times the CPU per request, which would measure the machine, not the
// retry schedule.
import { createClient, type ShoptelClient } from '../src/batch/create-client.js';
import type { DeliveryError } from '../src/batch/delivery-error.js';
import { createNodeHttpTransport } from '../src/node/create-node-http-transport.js';
import { bodyText } from '../src/testing/create-fake-transport.js';
import { type Transport, TransportError, type TransportRequest } from '../src/transport/transport.js';

export interface WatchedClient {
  client: ShoptelClient;
  /** Closes the transport's keep-alive sockets. */
  close(): void;
  errors: DeliveryError[];
  /** How often a request holding each event_id timed out at the client. */
  timeoutsById: Map<unknown, number>;
  /** Start times (ms) of every request the client made. */
  requestTimes: number[];
}

/** A client with the defaults but for the given options, over the Node transport. */
export function createWatchedClient(
  url: string,
  options: Parameters<typeof createClient>[0] = {},
): WatchedClient {
  const inner = createNodeHttpTransport();
  const errors: DeliveryError[] = [];
  const timeoutsById = new Map<unknown, number>();
  const requestTimes: number[] = [];
  const transport: Transport = {
    async send(request: TransportRequest) {
      requestTimes.push(Date.now());
      try {
        return await inner.send(request);
      } catch (error) {
        if (error instanceof TransportError && error.kind === 'timeout') {
          for (const record of JSON.parse(bodyText(request.body)) as Record<string, unknown>[])
            timeoutsById.set(record.event_id, (timeoutsById.get(record.event_id) ?? 0) + 1);
        }
        throw error;
      }
    },
  };
  const client = createClient({
    url,
    auth: { username: 'root@example.com', password: 'Complexpass#123' },
    transport,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { client, close: () => inner.close(), errors, timeoutsById, requestTimes };
}

/**
 * Sends `perSecond` records a second for `seconds`, in slices every 10 ms (catching up if the loop
 * falls behind), each `{ seq, order_id, amount }` with `seq` counting from 0; `progress.sent`
 * tells how many went out so far.
 */
export async function sendPaced(
  client: ShoptelClient,
  perSecond: number,
  seconds: number,
  progress: { sent: number } = { sent: 0 },
): Promise<number> {
  const total = perSecond * seconds;
  const start = Date.now();
  while (progress.sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * perSecond));
    for (; progress.sent < due; progress.sent++) {
      const seq = progress.sent;
      client.send('orders', { seq, order_id: `o-${seq}`, amount: seq % 97 });
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return total;
}

/** Waits until `count()` reaches `target` or `timeoutMs` passes; returns the time it took. */
export async function waitFor(count: () => number, target: number, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (count() < target && Date.now() - start < timeoutMs) await new Promise((r) => setTimeout(r, 20));
  return Date.now() - start;
}

/** Distinct `seq` values stored, and how often each event_id was stored. */
export function storedCopies(records: Record<string, unknown>[]) {
  const idBySeq = new Map<number, string>();
  const timesSeen = new Map<string, number>();
  for (const record of records) {
    const id = record.event_id as string;
    idBySeq.set(record.seq as number, id);
    timesSeen.set(id, (timesSeen.get(id) ?? 0) + 1);
  }
  return { idBySeq, timesSeen };
}
