import { ShoptelConfigError } from '@shoptel/core';
import { describe, expect, it } from 'vitest';
import { baseRule } from '../../test/alert-harness.js';
import type { AlertRule } from './alert-types.js';
import { validateAlertRule } from './validate-alert-rule.js';

const rule = (overrides: Record<string, unknown>) =>
  ({ ...baseRule(), createdAt: '', updatedAt: '', ...overrides }) as AlertRule;
const problems = (overrides: Record<string, unknown>) => {
  try {
    validateAlertRule(rule(overrides));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ShoptelConfigError);
    return (error as ShoptelConfigError).problems.map((p) => p.field);
  }
};

describe('validateAlertRule', () => {
  it('accepts the seed shape', () => {
    expect(problems({})).toEqual([]);
  });

  it('names every bad field at once', () => {
    expect(
      problems({
        timeWindow: '5 minutes',
        evaluationInterval: '5s',
        operator: '=>',
        severity: 'urgent',
        notifications: [],
        condition: "orders'; DROP TABLE x",
        for: '1w',
      }),
    ).toEqual([
      'condition',
      'severity',
      'operator',
      'timeWindow',
      'for',
      'evaluationInterval',
      'notifications',
    ]);
  });

  it('checks channels, suppressions and escalation steps', () => {
    expect(
      problems({
        notifications: [
          {
            type: 'pager',
            enabled: true,
            config: {},
            retryPolicy: { maxRetries: -1, retryInterval: 'soon' },
          },
        ],
        suppressions: [
          {
            id: 's',
            name: 's',
            condition: '{host=~"("}',
            timeWindow: '22-07',
            timeZone: 'Mars/Olympus',
            enabled: true,
          },
        ],
        escalation: [
          { id: 'e', name: 'e', condition: '', timeWindow: '15m', targetNotifications: [], enabled: true },
        ],
      }),
    ).toEqual([
      'notifications[0].type',
      'notifications[0].retryPolicy.maxRetries',
      'notifications[0].retryPolicy.retryInterval',
      'suppressions[0].timeWindow',
      'suppressions[0].condition',
      'suppressions[0].timeZone',
      'escalation[0].targetNotifications',
    ]);
  });
});
