import type { AnomalySeverity } from './analytics-types.js';

/** The seed's tiers for an error action's share of all events: < 0.1 low, < 0.2 medium, < 0.5 high. */
export function anomalySeverity(share: number): AnomalySeverity {
  if (share < 0.1) return 'low';
  if (share < 0.2) return 'medium';
  if (share < 0.5) return 'high';
  return 'critical';
}
