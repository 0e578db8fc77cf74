import type { SearchClientConfig, StreamNames, Transport } from '@shoptel/core';
import type { LogLevel } from '../logger/log-level.js';
import type { LogCategory } from '../logger/log-types.js';
import type { TimeRange } from './resolve-time-range.js';

/** Where analytics reads: a resolved core config (`resolveConfig`, `configFromEnv`) fits. */
export interface AnalyticsConfig extends SearchClientConfig {
  /** Stream names as stored (normalised); they are always quoted in SQL. */
  streams: Pick<StreamNames, 'businessEvents' | 'userBehavior'>;
}

/** Which `business_events` actions of category `ORDER` mark an order's steps. */
export interface OrderActions {
  /** @default ['created'] */
  received: readonly string[];
  /** @default ['completed'] */
  processed: readonly string[];
  /** @default ['cancelled'] */
  cancelled: readonly string[];
}

export interface AnalyticsOptions {
  /** How searches are sent. @default core's search transport */
  transport?: Transport;
  /** Action names of order events, as your code passes them to `logger.logOrderEvent`. */
  orderActions?: Partial<OrderActions>;
}

/** `getLogStats` filters; `level` and `category` must be enum values. */
export interface LogStatsFilters {
  level?: LogLevel;
  category?: LogCategory;
  service?: string;
}

/** One `(level, category)` group of `business_events`. */
export interface LogStatsRow {
  level: string | null;
  category: string | null;
  count: number;
  uniqueUsers: number;
}

/** One `event_type` of `user_behavior`. */
export interface BehaviorRow {
  eventType: string | null;
  count: number;
  uniqueSessions: number;
  uniqueUsers: number;
}

/** One step of the funnel: sessions that did this and every step before it. */
export interface FunnelStep {
  step: 'product_view' | 'cart_add' | 'checkout' | 'purchase';
  sessions: number;
  /** Share of the previous step's sessions (1 for the first step when it has any). */
  rateFromPrevious: number;
}

/** Revenue of `PURCHASE` events in one currency. */
export interface RevenueRow {
  currency: string | null;
  /** `PURCHASE` events with a `total_amount`. */
  orders: number;
  revenue: number;
  averageOrderValue: number;
}

export interface ConversionFunnel {
  range: TimeRange;
  steps: FunnelStep[];
  /** Purchasing sessions / product-viewing sessions. */
  overallRate: number;
  /** Per currency: amounts in different currencies are never added up. */
  revenue: RevenueRow[];
}

export const TOP_PRODUCTS_BY = ['views', 'cart_adds', 'purchases'] as const;
export type TopProductsBy = (typeof TOP_PRODUCTS_BY)[number];

export interface TopProductsOptions {
  /** @default 'views' */
  by?: TopProductsBy;
  /** 1–1000. @default 10 */
  limit?: number;
}

export interface TopProductRow {
  productId: string;
  /** Views, cart-add events, or purchasing sessions, per `by`. */
  count: number;
}

export interface OrderProcessing {
  range: TimeRange;
  /** Distinct orders with a received/processed/cancelled event in the range. */
  received: number;
  processed: number;
  cancelled: number;
  /** Orders with both a received and a later processed event in the range: the percentiles' base. */
  timedOrders: number;
  /** Processing time (first received → first processed event), ms; `null` without timed orders. */
  averageMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export type AnomalySeverity = 'low' | 'medium' | 'high' | 'critical';

export interface AnomalyRow {
  level: 'ERROR';
  category: string | null;
  action: string | null;
  count: number;
  /** Share of all `business_events` in the range. */
  share: number;
  severity: AnomalySeverity;
}

export interface ErrorRate {
  range: TimeRange;
  events: number;
  errors: number;
  rate: number;
}

export interface AnomalyReport {
  anomalies: AnomalyRow[];
  current: ErrorRate;
  /** The range of equal length just before. */
  previous: ErrorRate;
  /** `current.rate - previous.rate` (percentage points as a fraction). */
  errorRateChange: number;
}

export interface AnomalyOptions {
  /** ERROR actions above this share of all events are reported. 0–1. @default 0.05 */
  minShare?: number;
}
