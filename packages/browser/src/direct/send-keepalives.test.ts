import { describe, expect, it } from 'vitest';
import type { QueuedEvent } from '../queue/create-event-queue.js';
import { sendKeepalives } from './send-keepalives.js';

const event = (id: string, bytes: number): QueuedEvent => ({ id, line: 'x'.repeat(bytes), bytes });

describe('sendKeepalives', () => {
  it('sends chunks of at most maxBytes within the 48 KiB keepalive budget; the rest stays queued', () => {
    const sent: number[] = [];
    const verdicts: [string[], boolean][] = [];
    // 12 events of ~6 KiB each as direct records: two to a 16 KiB chunk, four chunks fit 48 KiB.
    const events = Array.from({ length: 12 }, (_, i) => event(`e${i}`, 5900));
    sendKeepalives(
      events,
      16 * 1024,
      (chunk) => chunk.map((e) => e.line).join(','),
      (body) => sent.push(body.length),
      (chunk, accepted) => verdicts.push([chunk.map((e) => e.id), accepted]),
    );
    expect(sent).toEqual([11801, 11801, 11801, 11801]);
    expect(verdicts).toEqual([
      [['e0', 'e1'], true],
      [['e2', 'e3'], true],
      [['e4', 'e5'], true],
      [['e6', 'e7'], true],
      [['e8', 'e9'], false],
      [['e10', 'e11'], false],
    ]);
  });
});
