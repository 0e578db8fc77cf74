/** The seed's `UserActivityMetric`: one period's figures (counts are added, the rest set). */
export interface UserActivityMetric {
  timestamp?: string;
  activeUsers: number;
  newUsers: number;
  returningUsers: number;
  /** Seconds. */
  averageSessionDuration: number;
  /** Percent. */
  bounceRate: number;
  pageViews: number;
  uniquePageViews: number;
}

/** The seed's `ConversionMetric`. */
export interface ConversionMetric {
  timestamp?: string;
  cartAdditions: number;
  checkouts: number;
  purchases: number;
  /** Percent. */
  cartToCheckoutRate: number;
  checkoutToPurchaseRate: number;
  overallConversionRate: number;
  /** In the configured currency. */
  averageOrderValue: number;
}

/** The seed's `OrderProcessingMetric`; times in seconds. */
export interface OrderProcessingMetric {
  timestamp?: string;
  ordersReceived: number;
  ordersProcessed: number;
  ordersCancelled: number;
  averageProcessingTime: number;
  processingTimeP50: number;
  processingTimeP95: number;
  processingTimeP99: number;
}

/** A running order-processing timer from `startOrderTimer`. */
export interface OrderTimer {
  readonly orderId: string;
  /** Observes the elapsed seconds under `status` (`completed`, `cancelled`, …); once. Returns them. */
  end(status?: string): number;
}
