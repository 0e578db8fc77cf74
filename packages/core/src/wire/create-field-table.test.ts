import { describe, expect, it } from 'vitest';
import { createFieldTable } from './create-field-table.js';

describe('createFieldTable', () => {
  it('names and judges a path once, and hands out the same entry after', () => {
    const table = createFieldTable();
    const metadata = table.child(table.root(), 'metaData');
    const userId = table.child(metadata, 'userId');
    expect(userId).toMatchObject({ name: 'metadata_userid', sensitivity: 'plain' });
    expect(table.child(table.child(table.root(), 'metaData'), 'userId')).toBe(userId);
    expect(table.child(table.child(table.root(), 'card'), 'number').sensitivity).toBe('secret');
    expect(table.child(table.root(), 'card').sensitivity).toBe('card');
  });

  it('masks a card number in a key before normalising turns its separators into _', () => {
    const table = createFieldTable();
    expect(table.child(table.root(), '4111 1111 1111 1111').name).toBe('____________1111');
  });

  it('starts afresh past its bound, so generated keys cannot grow it without end', () => {
    const table = createFieldTable(100);
    const first = table.child(table.root(), 'k0');
    for (let i = 1; i <= 100; i++) table.child(table.root(), `k${i}`);
    expect(table.child(table.root(), 'k0')).not.toBe(first);
    expect(table.child(table.root(), 'k0')).toEqual(first);
  });
});
