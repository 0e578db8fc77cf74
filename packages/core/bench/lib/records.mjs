// The records every subject builds, fresh per call, so the cost of building one is the same for all
// (measured alone as the "build only" subject).
//   flat:   the p4 order record, 12 flat snake_case fields (shoptel's fast path).
//   nested: what a logger call with metadata looks like: camelCase keys, a nested `metadata`
//           object and a 16-digit order number that is not a card (shoptel's careful path).
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

/** A 16-digit order number with a Visa prefix that fails the Luhn check, so it is not masked. */
function orderNumber(i) {
  const body = `4${String(i).padStart(14, '0')}`;
  let sum = 0;
  for (let k = 0; k < 15; k++) {
    let d = body.charCodeAt(14 - k) - 48;
    if (k % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return body + ((check + 1) % 10);
}

export function nestedFields(i) {
  return {
    category: 'order',
    action: ACTIONS[i & 3],
    userId: `u-${i % 5000}`,
    orderId: `o-${i}`,
    orderNumber: orderNumber(i),
    amount: 10 + (i % 1000) / 4,
    currency: 'EUR',
    requestId: `r-${i}`,
    metadata: { paymentMethod: 'card', itemCount: (i % 7) + 1, coupon: 'WINTER', giftWrap: (i & 1) === 0 },
  };
}

// A literal, as an app writes it: an object built by spreading another can end up in dictionary
// mode, which costs every subject more than its keys do.
export function nestedRecord(i) {
  return {
    level: 'info',
    message: 'order event',
    category: 'order',
    action: ACTIONS[i & 3],
    userId: `u-${i % 5000}`,
    orderId: `o-${i}`,
    orderNumber: orderNumber(i),
    amount: 10 + (i % 1000) / 4,
    currency: 'EUR',
    requestId: `r-${i}`,
    metadata: { paymentMethod: 'card', itemCount: (i % 7) + 1, coupon: 'WINTER', giftWrap: (i & 1) === 0 },
  };
}

export const MESSAGE = 'order event';
export const STREAM = 'business_events';
export const SHAPES = {
  flat: { record: orderRecord, fields: orderFields },
  nested: { record: nestedRecord, fields: nestedFields },
};
