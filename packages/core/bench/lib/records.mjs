// The p4 order record: 12 fields. Built fresh per call in every subject, so the cost of
// building it is the same for all of them (measured separately as the "build only" row).
const ACTIONS = ['order_created', 'order_paid', 'order_shipped', 'order_refunded'];
const STATUSES = ['pending', 'paid', 'shipped', 'refunded'];

export function orderRecord(i) {
  return {
    level: 'info',
    category: 'order',
    action: ACTIONS[i & 3],
    message: 'order event',
    user_id: `u-${i % 5000}`,
    order_id: `o-${i}`,
    amount: 10 + (i % 1000) / 4,
    currency: 'EUR',
    status: STATUSES[i & 3],
    service: 'checkout',
    request_id: `r-${i}`,
    session_id: `s-${i % 20000}`,
  };
}

/** The same record minus `level` and `message`, for pino `info(obj, msg)` and OTel attributes. */
export function orderFields(i) {
  return {
    category: 'order',
    action: ACTIONS[i & 3],
    user_id: `u-${i % 5000}`,
    order_id: `o-${i}`,
    amount: 10 + (i % 1000) / 4,
    currency: 'EUR',
    status: STATUSES[i & 3],
    service: 'checkout',
    request_id: `r-${i}`,
    session_id: `s-${i % 20000}`,
  };
}

export const MESSAGE = 'order event';
export const STREAM = 'business_events';
