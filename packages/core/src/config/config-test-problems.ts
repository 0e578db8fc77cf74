// Shared by the config tests (not exported from the package).
import { expect } from 'vitest';
import { ShoptelConfigError } from './config-error.js';

/** The problems of the ShoptelConfigError `run` throws; fails the test when it throws none. */
export function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ShoptelConfigError);
    return (error as ShoptelConfigError).problems;
  }
  throw new Error('expected a ShoptelConfigError');
}
