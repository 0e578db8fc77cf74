// Shared by the client's unit tests (not exported from the package): a client on a fake clock
// and a fake transport, with every onError report collected.
import { createFakeClock, createFakeTransport } from '../testing/index.js';
import type { ClientOptions } from './client-options.js';
import type { ClientStats } from './client-stats.js';
import { createClient } from './create-client.js';
import type { DeliveryError } from './delivery-error.js';

export function setupClient(options: ClientOptions = {}) {
  const clock = createFakeClock();
  const transport = createFakeTransport();
  const errors: DeliveryError[] = [];
  const client = createClient({
    url: 'http://127.0.0.1:5080',
    auth: { username: 'root@example.com', password: 'Complexpass#123' },
    clock,
    transport,
    random: () => 0.5,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { clock, transport, errors, client };
}

/** Every record is in exactly one of the outcome counters. */
export function isBalanced(stats: ClientStats): boolean {
  return stats.enqueued === stats.sent + stats.failed + stats.dropped + stats.queued + stats.inFlight;
}
