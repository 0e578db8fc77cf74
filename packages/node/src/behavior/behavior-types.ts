import type { AnyRequest } from '../request/request-headers.js';

/** `event_type` of `user_behavior`, as the seed's `UserBehaviorLog.eventType`. */
export const BehaviorEventType = {
  PAGE_VIEW: 'PAGE_VIEW',
  PRODUCT_VIEW: 'PRODUCT_VIEW',
  SEARCH: 'SEARCH',
  CART_ADD: 'CART_ADD',
  CART_REMOVE: 'CART_REMOVE',
  CHECKOUT: 'CHECKOUT',
  PURCHASE: 'PURCHASE',
} as const;
export type BehaviorEventType = (typeof BehaviorEventType)[keyof typeof BehaviorEventType];

/** One line of `items` (at most 200 are kept). */
export interface BehaviorItem {
  productId: string;
  name?: string;
  price?: number;
  quantity?: number;
}

/**
 * Optional fields of a `track*` call. `req` (a Node `IncomingMessage` or a Fetch `Request`) gives
 * the device fields, IP, language, referrer and UTM tags; inside the middleware the current request
 * is used when `req` is left out. Other keys are stored as `metadata_*`.
 *
 * @example behavior.trackProductView(sessionId, 'sku-1', userId, { req, productName: 'Mug', price: 12 });
 */
export interface TrackMetadata {
  req?: AnyRequest;
  anonymousId?: string;
  title?: string;
  referrer?: string;
  url?: string;
  productName?: string;
  categoryId?: string;
  cartId?: string;
  orderId?: string;
  price?: number;
  quantity?: number;
  /** @default the configured currency when an amount is set */
  currency?: string;
  items?: BehaviorItem[];
  utm?: { source?: string; medium?: string; campaign?: string; term?: string; content?: string };
  screenResolution?: string;
  timezone?: string;
  /** Overrides the IP read from the request. */
  ip?: string;
  /** Overrides the request's User-Agent. */
  userAgent?: string;
  [key: string]: unknown;
}
