import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';

describe('systemClock', () => {
  it('runs a zero delay on the next turn of the event loop, before a 1 ms timer', async () => {
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      systemClock.setTimeout(() => order.push('1 ms'), 1, true);
      systemClock.setTimeout(() => order.push('0 ms'), 0, true);
      setTimeout(resolve, 20);
    });
    await done;
    expect(order).toEqual(['0 ms', '1 ms']);
  });

  it('clears a zero-delay timer as it clears any other', async () => {
    const fired: number[] = [];
    const zero = systemClock.setTimeout(() => fired.push(0), 0, true);
    const later = systemClock.setTimeout(() => fired.push(5), 5, true);
    systemClock.clearTimeout(zero);
    systemClock.clearTimeout(later);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toEqual([]);
  });

  it('does not keep the process alive for a zero delay unless asked', () => {
    const handle = systemClock.setTimeout(() => {}, 0) as { immediate: { hasRef(): boolean } };
    expect(handle.immediate.hasRef()).toBe(false);
    const kept = systemClock.setTimeout(() => {}, 0, true) as { immediate: { hasRef(): boolean } };
    expect(kept.immediate.hasRef()).toBe(true);
    systemClock.clearTimeout(handle);
    systemClock.clearTimeout(kept);
  });
});
