import { describe, expect, it } from 'vitest';
import type { QueuedEvent } from '../queue/create-event-queue.js';
import { sendKeepalives } from './send-keepalives.js';

const event = (id: string, bytes: number): QueuedEvent => ({ id, line: 'x'.repeat(bytes), bytes });

/** Sends `events` at page exit; each request finishes when `finish` is called. */
function exit(events: QueuedEvent[]) {
  const sent: number[] = [];
  const verdicts: [string[], boolean][] = [];
  const finishers: (() => void)[] = [];
  sendKeepalives(
    events,
    16 * 1024,
    (chunk) => chunk.map((e) => e.line).join(','),
    (body) => {
      sent.push(body.length);
      return new Promise<void>((resolve) => finishers.push(resolve));
    },
    (chunk, accepted) => verdicts.push([chunk.map((e) => e.id), accepted]),
  );
  const finish = async () => {
    for (const resolve of finishers) resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { sent, verdicts, finish };
}

describe('sendKeepalives', () => {
  it('sends chunks of at most maxBytes within the 48 KiB keepalive budget; the rest stays queued', async () => {
    // 12 events of ~6 KiB each as direct records: two to a 16 KiB chunk, four chunks fit 48 KiB.
    const first = exit(Array.from({ length: 12 }, (_, i) => event(`e${i}`, 5900)));
    expect(first.sent).toEqual([11801, 11801, 11801, 11801]);
    expect(first.verdicts).toEqual([
      [['e0', 'e1'], true],
      [['e2', 'e3'], true],
      [['e4', 'e5'], true],
      [['e6', 'e7'], true],
      [['e8', 'e9'], false],
      [['e10', 'e11'], false],
    ]);
    await first.finish();
  });

  it('shares the budget with the exit before it while its requests are unfinished (pagehide, then hidden)', async () => {
    const first = exit(Array.from({ length: 6 }, (_, i) => event(`a${i}`, 5900)));
    expect(first.sent).toHaveLength(3);
    // The second exit of one navigation: ~13 KiB of the budget are left, one chunk fits.
    const second = exit(Array.from({ length: 4 }, (_, i) => event(`b${i}`, 5900)));
    expect(second.verdicts).toEqual([
      [['b0', 'b1'], true],
      [['b2', 'b3'], false],
    ]);
    await first.finish();
    await second.finish();
    // Finished requests give their bytes back.
    const later = exit(Array.from({ length: 8 }, (_, i) => event(`c${i}`, 5900)));
    expect(later.verdicts.map(([, accepted]) => accepted)).toEqual([true, true, true, true]);
    await later.finish();
  });
});
