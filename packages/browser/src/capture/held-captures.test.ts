import { describe, expect, it } from 'vitest';
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('held captures sent from a timer', () => {
  it('report a failing page view instead of throwing it into the page', async () => {
    const { guard, failures } = reportingGuard();
    createHeldView(guard).hold(() => {
      throw new Error('view failed');
    });
    await sleep(TITLE_WAIT_MS + 50);
    expect(failures).toHaveLength(1);
  });

  it('report a failing URL purchase instead of throwing it into the page', async () => {
    const { guard, failures } = reportingGuard();
    createHeldPurchase(guard).hold(() => {
      throw new Error('purchase failed');
    });
    await sleep(URL_PURCHASE_WAIT_MS + 50);
    expect(failures).toHaveLength(1);
  });
});
