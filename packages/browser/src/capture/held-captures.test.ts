import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Guard } from './capture-types.js';
import { createHeldPurchase, URL_PURCHASE_WAIT_MS } from './create-held-purchase.js';
import { createHeldView, TITLE_WAIT_MS } from './create-held-view.js';

/** The client's guard: a failure becomes a report, never an exception in the page. */
function reportingGuard() {
  const failures: unknown[] = [];
  const guard: Guard =
    (handler) =>
    (...args) => {
      try {
        handler(...args);
      } catch (error) {
        failures.push(error);
      }
    };
  return { guard, failures };
}

describe('held captures sent from a timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['page view', (guard: Guard) => createHeldView(guard), TITLE_WAIT_MS],
    ['URL purchase', (guard: Guard) => createHeldPurchase(guard), URL_PURCHASE_WAIT_MS],
  ])('report a failing %s instead of throwing it into the page', async (_name, create, waitMs) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // the purchase waits seconds
    const { guard, failures } = reportingGuard();
    create(guard).hold(() => {
      throw new Error('capture failed');
    });
    await vi.advanceTimersByTimeAsync(waitMs + 50);
    expect(failures).toHaveLength(1);
  });
});
