import { describe, expect, it } from 'vitest';
import { startHarness } from '../../test/capture-harness.js';

describe('identify', () => {
  it('takes a string or number id; an object is refused and reported, never sent as "[object Object]"', () => {
    const { client, events, problems } = startHarness({ autoCapture: false });
    client.identify(42 as never);
    client.trackPageView();
    // `identify(customer)` instead of `identify(customer.id)`: every shopper would become one user.
    client.identify({ id: 'c-1' } as never);
    client.identify(undefined as never);
    client.trackPageView();
    expect(events.map((event) => event.user_id)).toEqual(['42', '42']);
    expect(problems.map((problem) => problem.reason)).toEqual(['invalid_event', 'invalid_event']);
  });
});
