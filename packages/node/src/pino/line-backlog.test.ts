import { describe, expect, it } from 'vitest';
import { BACKLOG_SLICE_LINES, createLineBacklog } from './create-line-backlog.js';
import { parsePinoLine } from './parse-pino-line.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('createLineBacklog', () => {
  it('queues lines as they are read and handles them in slices on later turns, in order', async () => {
    const handled: string[] = [];
    const backlog = createLineBacklog({
      handle: (line) => handled.push(line),
      canHandle: () => true,
      setPaused() {},
    });
    for (let i = 0; i < BACKLOG_SLICE_LINES + 10; i++) backlog.push(String(i));
    expect(handled).toHaveLength(0);
    expect(backlog.size).toBe(BACKLOG_SLICE_LINES + 10);
    await nextTurn();
    expect(handled).toHaveLength(BACKLOG_SLICE_LINES);
    await nextTurn();
    expect(handled).toEqual(Array.from({ length: BACKLOG_SLICE_LINES + 10 }, (_, i) => String(i)));
    expect(backlog.size).toBe(0);
  });

  it('drain() handles every waiting line at once', () => {
    const handled: string[] = [];
    const backlog = createLineBacklog({
      handle: (line) => handled.push(line),
      canHandle: () => false,
      setPaused() {},
    });
    backlog.push('a');
    backlog.push('b');
    backlog.drain();
    expect(handled).toEqual(['a', 'b']);
    expect(backlog.size).toBe(0);
  });

  it('waits while the client has no room, and pauses reading past maxChars until half is handled', async () => {
    const handled: string[] = [];
    const pauses: boolean[] = [];
    let room = false;
    const backlog = createLineBacklog({
      handle: (line) => handled.push(line),
      canHandle: () => room,
      setPaused: (paused) => pauses.push(paused),
      maxChars: 4,
    });
    for (const line of ['1', '2', '3', '4']) backlog.push(line);
    expect(pauses).toEqual([]);
    backlog.push('5');
    expect(pauses).toEqual([true]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toEqual([]);
    room = true;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toEqual(['1', '2', '3', '4', '5']);
    expect(pauses).toEqual([true, false]);
  });
});

describe('parsePinoLine', () => {
  it('parses an object line and keeps anything else whole as the message', () => {
    expect(parsePinoLine('{"level":30,"msg":"hi"}')).toEqual({ level: 30, msg: 'hi' });
    expect(parsePinoLine('{"level":30,"msg":"cut')).toEqual({
      message: '{"level":30,"msg":"cut',
      unparsed: true,
    });
    expect(parsePinoLine('42')).toEqual({ message: '42', unparsed: true });
  });
});
