import { describe, expect, it } from 'vitest';
import { encodeTableNamePart, parseTableName, tableNameFor } from './stream-table.js';

describe('stream table names', () => {
  it('keep lowercase names as they are', () => {
    expect(tableNameFor('default', 'logs', 'app_logs')).toBe('default/logs/app_logs');
    expect(tableNameFor('my-org.1', 'traces', 'a:b')).toBe('my-org.1/traces/a:b');
  });

  it('differ even ignoring case when the orgs differ', () => {
    const names = ['default', 'DEFAULT', 'Default', 'dEFAULT', 'a%44', 'aD', 'Ü', 'ü', 'a/b'].map((org) =>
      tableNameFor(org, 'logs', 'cs').toLowerCase(),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('read back as the stream they hold', () => {
    for (const org of ['default', 'DEFAULT', 'Sp%ce Ünï', 'a/b', '"q"']) {
      expect(parseTableName(tableNameFor(org, 'metrics', 'cpu:load'))).toEqual({
        org,
        type: 'metrics',
        stream: 'cpu:load',
      });
    }
  });

  it('refuse names this version does not write', () => {
    expect(parseTableName('DEFAULT/logs/cs')).toBeUndefined();
    expect(parseTableName('default/other/cs')).toBeUndefined();
    expect(parseTableName('%61/logs/cs')).toBeUndefined(); // `a` is never escaped
    expect(parseTableName('%4a/logs/cs')).toBeUndefined(); // lowercase hex
    expect(parseTableName('%FF/logs/cs')).toBeUndefined(); // not UTF-8
    expect(parseTableName('default/logs')).toBeUndefined();
    expect(encodeTableNamePart('D/%')).toBe('%44%2F%25');
  });
});
