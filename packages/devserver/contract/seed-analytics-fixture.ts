/**
 * Records shaped like the seed's business events and user behaviour logs (camelCase fields, upper-case
 * levels), some inside the query window and some two hours before it, plus the answers the corrected
 * queries must give — computed from the records, not written down by hand.
 */
import { HOUR_US, SECOND_US } from './time-window.js';

interface BusinessEvent {
  level: string;
  category: string;
  action: string;
  userId: string;
  service: string;
  _timestamp: number;
}

interface BehaviorEvent {
  eventType: string;
  sessionId: string;
  userId: string;
  _timestamp: number;
}

const BUSINESS_GROUPS = [
  { level: 'ERROR', category: 'payment', action: 'charge', count: 8 },
  { level: 'ERROR', category: 'cart', action: 'add', count: 2 },
  { level: 'WARN', category: 'payment', action: 'charge', count: 10 },
  { level: 'INFO', category: 'cart', action: 'add', count: 30 },
  { level: 'INFO', category: 'order', action: 'place', count: 50 },
] as const;

/** Would push `ERROR cart add` over 5 % and change every count if the window were ignored. */
const BUSINESS_OUTSIDE = { level: 'ERROR', category: 'cart', action: 'add', count: 10 } as const;

const BEHAVIOR_TYPES = ['page_view', 'page_view', 'page_view', 'add_to_cart', 'add_to_cart', 'checkout'];

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function distinct<T>(items: T[], key: (item: T) => string): number {
  return new Set(items.map(key)).size;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function businessEventsFixture(nowUs: number) {
  const inWindow: BusinessEvent[] = BUSINESS_GROUPS.flatMap((group) =>
    Array.from({ length: group.count }, () => group),
  ).map(({ level, category, action }, index) => ({
    level,
    category,
    action,
    userId: `u${index % 13}`,
    service: index % 2 === 0 ? 'checkout' : 'storefront',
    _timestamp: nowUs - (index + 1) * 5 * SECOND_US,
  }));
  const outside: BusinessEvent[] = Array.from({ length: BUSINESS_OUTSIDE.count }, (_, index) => ({
    level: BUSINESS_OUTSIDE.level,
    category: BUSINESS_OUTSIDE.category,
    action: BUSINESS_OUTSIDE.action,
    userId: `late${index}`,
    service: 'checkout',
    _timestamp: nowUs - 2 * HOUR_US,
  }));

  return {
    all: [...inWindow, ...outside],
    expectedStats(filters: { level?: string } = {}) {
      const matching = inWindow.filter(
        (event) => filters.level === undefined || event.level === filters.level,
      );
      return [...groupBy(matching, (event) => `${event.level}\u0000${event.category}`).values()]
        .map((events) => ({
          level: events[0]?.level,
          category: events[0]?.category,
          event_count: events.length,
          unique_users: distinct(events, (event) => event.userId),
        }))
        .sort(
          (a, b) =>
            b.event_count - a.event_count ||
            compareText(String(a.level), String(b.level)) ||
            compareText(String(a.category), String(b.category)),
        );
    },
    expectedAnomalies(minShare: number) {
      const errors = inWindow.filter((event) => event.level === 'ERROR');
      return [...groupBy(errors, (event) => `${event.category}\u0000${event.action}`).values()]
        .map((events) => ({
          level: 'ERROR',
          category: events[0]?.category,
          action: events[0]?.action,
          event_count: events.length,
          percentage: events.length / inWindow.length,
        }))
        .filter((group) => group.percentage > minShare)
        .sort((a, b) => b.percentage - a.percentage);
    },
  };
}

export function userBehaviorFixture(nowUs: number) {
  const inWindow: BehaviorEvent[] = Array.from({ length: 60 }, (_, index) => ({
    eventType: BEHAVIOR_TYPES[index % BEHAVIOR_TYPES.length] ?? 'page_view',
    sessionId: `s${index % 11}`,
    userId: `u${index % 7}`,
    _timestamp: nowUs - (index + 1) * 5 * SECOND_US,
  }));
  const outside: BehaviorEvent[] = Array.from({ length: 5 }, () => ({
    eventType: 'checkout',
    sessionId: 's99',
    userId: 'u3',
    _timestamp: nowUs - 2 * HOUR_US,
  }));

  return {
    all: [...inWindow, ...outside],
    expectedBehavior(userId?: string) {
      const matching = inWindow.filter((event) => userId === undefined || event.userId === userId);
      return [...groupBy(matching, (event) => event.eventType).entries()]
        .map(([eventtype, events]) => ({
          eventtype,
          event_count: events.length,
          unique_sessions: distinct(events, (event) => event.sessionId),
          unique_users: distinct(events, (event) => event.userId),
        }))
        .sort((a, b) => b.event_count - a.event_count || compareText(a.eventtype, b.eventtype));
    },
  };
}
