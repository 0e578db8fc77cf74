import { describe, expect, it } from 'vitest';
import { normalizeFieldName } from './normalize-field-name.js';
import { normalizeStreamName } from './normalize-stream-name.js';
import { createSmallUuidV7Generator } from './small-uuid-v7.js';
import { clampToIngestWindow, toMicroseconds } from './timestamp.js';
import { createUuidV7Generator } from './uuid-v7.js';

describe('OpenObserve name rules', () => {
  it.each([
    ['business-events', 'business_events'],
    ['My-App.Logs', 'my_app_logs'],
    ['a--b..c', 'a_b_c'],
    ['metrics:cpu', 'metrics:cpu'],
  ])('stream %s → %s', (input, expected) => expect(normalizeStreamName(input)).toBe(expected));

  it.each([
    ['userId', 'userid'],
    ['service.name', 'service_name'],
    ['a!!!b', 'a___b'],
    ['@timestamp', '_timestamp'],
    ['already_fine_1', 'already_fine_1'],
    ['Größe', 'größe'],
    ['ЦВЕТ', 'цвет'],
    ['price💰', 'price_'],
    ['商品ID', '__id'],
  ])('field %s → %s', (input, expected) => expect(normalizeFieldName(input)).toBe(expected));
});

describe('timestamps', () => {
  const us = 1_732_550_400_000_000;
  it.each([
    [1_732_550_400, us],
    [1_732_550_400_000, us],
    [us, us],
    [us * 1000, us],
  ])('detects the unit of %d like OpenObserve', (input, expected) =>
    expect(toMicroseconds(input)).toBe(expected),
  );

  it('clamps into the window with a margin, leaving in-window times alone', () => {
    const now = 1_732_550_400_000;
    const window = { allowedPastMs: 5 * 3600_000, allowedFutureMs: 24 * 3600_000 };
    expect(clampToIngestWindow(now * 1000, now, window)).toBe(now * 1000);
    expect(clampToIngestWindow((now - 6 * 3600_000) * 1000, now, window)).toBe(
      (now - 5 * 3600_000 + 60_000) * 1000,
    );
    expect(clampToIngestWindow((now + 48 * 3600_000) * 1000, now, window)).toBe(
      (now + 24 * 3600_000 - 60_000) * 1000,
    );
  });
});

describe.each([
  ['the byte writer', createUuidV7Generator],
  ['the small generator', createSmallUuidV7Generator],
])('UUID v7 from %s', (_name, generator) => {
  it('is well-formed, unique, and sorts by creation within and across milliseconds', () => {
    let ms = 1_732_550_400_000;
    const next = generator(() => ms);
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      if (i % 5000 === 0) ms++;
      ids.push(next());
    }
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe((1_732_550_400_001).toString(16).padStart(12, '0'));
  });

  it('keeps sorting in creation order when the clock steps back', () => {
    let ms = 1_732_550_400_000;
    const next = generator(() => ms);
    const ids = [next()];
    ms -= 5000;
    ids.push(next(), next());
    ms += 10_000;
    ids.push(next());
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort()).toEqual(ids);
  });
});
