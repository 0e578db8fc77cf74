import { describe, expect, it } from 'vitest';
import { parseRelayBody } from './parse-relay-body.js';
import { validateBehaviorEvent } from './validate-behavior-event.js';

const NOW = Date.UTC(2026, 0, 1, 12);

describe('validateBehaviorEvent', () => {
  it('keeps schema fields, ignores fields only the server sets, and takes the client time unless it is ahead', () => {
    const result = validateBehaviorEvent(
      {
        event_type: 'PURCHASE',
        session_id: 's-1',
        order_id: 'o-1',
        total_amount: 30,
        currency: 'EUR',
        items: [{ product_id: 'sku-1', name: 'Mug', price: 15, quantity: 2 }],
        ip: '6.6.6.6',
        browser: 'Spoofed',
        _timestamp: 1,
        service: 'spoofed',
        unknown_field: 'x',
        event_time: new Date(NOW - 60_000).toISOString(),
      },
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      record: {
        event_type: 'PURCHASE',
        session_id: 's-1',
        order_id: 'o-1',
        total_amount: 30,
        currency: 'EUR',
        items: [{ product_id: 'sku-1', name: 'Mug', price: 15, quantity: 2 }],
        source: 'auto',
        _timestamp: (NOW - 60_000) * 1000,
        event_time: new Date(NOW - 60_000).toISOString(),
      },
    });
    const ahead = validateBehaviorEvent(
      { event_type: 'SEARCH', session_id: 's', event_time: new Date(NOW + 3600_000).toISOString() },
      NOW,
    );
    expect(ahead.ok && ahead.record._timestamp).toBe(undefined);
  });

  it('names the first problem', () => {
    const reason = (event: unknown) => {
      const result = validateBehaviorEvent(event, NOW);
      return result.ok ? 'ok' : result.reason;
    };
    const base = { event_type: 'PAGE_VIEW', session_id: 's' };
    expect(reason([base])).toBe('expected an event object; got an array');
    expect(reason({ ...base, event_type: 'page_view' })).toMatch(/^event_type must be one of/);
    expect(reason({ event_type: 'PAGE_VIEW' })).toBe('session_id is required (a non-empty string)');
    expect(reason({ ...base, price: '12' })).toBe('price must be a finite number');
    expect(reason({ ...base, page: 'x'.repeat(3000) })).toBe('page is longer than 2048 characters');
    expect(reason({ ...base, currency: 'euro' })).toBe('currency must be an ISO 4217 code like EUR');
    expect(reason({ ...base, source: 'server' })).toBe('source must be auto, api or datalayer');
    expect(reason({ ...base, items: new Array(201).fill({ product_id: 'a' }) })).toBe(
      'items holds more than 200 lines',
    );
    expect(reason({ ...base, items: [{ name: 'no id' }] })).toBe('each item needs a product_id string');
    for (const sdk of ['shoptel-node/0.1.0', 'shoptel-browser/', `shoptel-browser/${'1'.repeat(33)}`, 7]) {
      expect(reason({ ...base, sdk })).toBe('sdk must be shoptel-browser/<version>');
    }
    expect(reason({ ...base, sdk: 'shoptel-browser/0.1.0-rc.1' })).toBe('ok');
  });
});

describe('parseRelayBody', () => {
  it('reads arrays, single events and NDJSON with unreadable lines by index', () => {
    expect(parseRelayBody('[{"a":1},{"b":2}]')).toEqual({
      ok: true,
      events: [{ a: 1 }, { b: 2 }],
      rejected: [],
    });
    expect(parseRelayBody(' {"a":1} ')).toEqual({ ok: true, events: [{ a: 1 }], rejected: [] });
    expect(parseRelayBody('{"a":1}\n\n{oops\n{"c":3}\n')).toEqual({
      ok: true,
      events: [{ a: 1 }, undefined, { c: 3 }],
      rejected: [{ index: 1, reason: 'line is not valid JSON' }],
    });
    expect(parseRelayBody('')).toEqual({ ok: false, reason: 'empty body' });
    expect(parseRelayBody('{"a":')).toMatchObject({ ok: false });
    expect(parseRelayBody('[1,')).toMatchObject({ ok: false });
    expect(parseRelayBody('{"a"\n{"b"')).toEqual({
      ok: false,
      reason: 'no line of the NDJSON body is valid JSON',
    });
  });
});
