import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithRequestContext } from '../context/request-context.js';
import { pinoLevelToLogLevel } from './pino-level.js';
import { shoptelPinoMixin } from './pino-mixin.js';
import { toPinoRecord } from './to-pino-record.js';

describe('pino line → record', () => {
  it('maps levels by threshold, custom ones included', () => {
    expect([10, 20, 25, 30, 35, 40, 50, 60].map(pinoLevelToLogLevel)).toEqual([
      'DEBUG',
      'DEBUG',
      'DEBUG',
      'INFO',
      'INFO',
      'WARN',
      'ERROR',
      'ERROR',
    ]);
  });

  it('renames msg and time, keeps the level number and every binding', () => {
    const line = { level: 60, time: 1_700_000_000_123, pid: 7, hostname: 'h', msg: 'down', order_id: 'o-1' };
    expect(toPinoRecord(line, 'msg')).toEqual({
      level: 'ERROR',
      pino_level: 60,
      _timestamp: 1_700_000_000_123,
      pid: 7,
      hostname: 'h',
      message: 'down',
      order_id: 'o-1',
    });
  });

  it('honours a custom messageKey and leaves a line without one alone', () => {
    expect(toPinoRecord({ level: 30, text: 'hi' }, 'text')).toEqual({
      level: 'INFO',
      pino_level: 30,
      message: 'hi',
    });
    expect(toPinoRecord({ level: 30, seq: 1 }, 'msg')).toEqual({ level: 'INFO', pino_level: 30, seq: 1 });
  });
});

describe('shoptelPinoMixin', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
  });
  afterAll(() => {
    context.disable();
  });

  it('adds nothing outside a request and a span', () => {
    expect(shoptelPinoMixin()).toEqual({});
  });

  it("adds the active span's ids and the request's ids", () => {
    const span = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    });
    const fields = context.with(trace.setSpan(context.active(), span), () =>
      runWithRequestContext({ requestId: 'r-1', userId: 'u-1' }, () => shoptelPinoMixin()),
    );
    expect(fields).toEqual({
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      span_id: 'b7ad6b7169203331',
      request_id: 'r-1',
      user_id: 'u-1',
    });
  });
});
