import { ShoptelConfigError } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { createAnalytics } from './create-analytics.js';

const dev = useDevServer();

describe('createAnalytics configuration', () => {
  it('names a bad field at start-up instead of a TypeError, and takes { url, auth } as the alert engine does', async () => {
    const error = (() => {
      try {
        createAnalytics({ url: 'localhost:5080' } as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ShoptelConfigError);
    expect((error as ShoptelConfigError).problems.map((p) => p.field)).toEqual(['url']);
    expect(() => createAnalytics(null as never)).toThrow(ShoptelConfigError);

    const analytics = createAnalytics({ url: dev.url, auth: AUTH } as never);
    await expect(analytics.getLogStats({ start: Date.now() - 60_000, end: Date.now() })).resolves.toEqual([]);
  });
});
