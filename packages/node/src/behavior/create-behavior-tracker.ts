import type { ShoptelClient } from '@shoptel/core';
import { getRequestContext } from '../context/request-context.js';
import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import { clientIp } from '../request/client-ip.js';
import type { DeviceInfo } from '../request/create-device-parser.js';
import { type AnyRequest, headerOf, pathOf } from '../request/request-headers.js';
import { applyTrackMetadata, applyUtmFromPath } from './apply-track-metadata.js';
import { BehaviorEventType, type TrackMetadata } from './behavior-types.js';
import { maskUrlFields } from './mask-url-fields.js';

/** The seed's `UserBehaviorTracker`: server-side storefront events into `user_behavior`. */
export interface BehaviorTracker {
  trackPageView(sessionId: string, page: string, userId?: string, metadata?: TrackMetadata): void;
  trackProductView(sessionId: string, productId: string, userId?: string, metadata?: TrackMetadata): void;
  trackSearch(sessionId: string, searchQuery: string, userId?: string, metadata?: TrackMetadata): void;
  trackCartOperation(
    sessionId: string,
    operation: 'CART_ADD' | 'CART_REMOVE',
    productId: string,
    quantity: number,
    price: number,
    userId?: string,
    metadata?: TrackMetadata,
  ): void;
  trackCheckout(
    sessionId: string,
    orderId: string,
    totalAmount: number,
    userId?: string,
    metadata?: TrackMetadata,
  ): void;
  trackPurchase(
    sessionId: string,
    orderId: string,
    totalAmount: number,
    userId?: string,
    metadata?: TrackMetadata,
  ): void;
}

export interface BehaviorTrackerDeps {
  client: ShoptelClient;
  stream: string;
  currency: string;
  trustedProxies: number;
  parseDevice: (userAgent: string | undefined) => DeviceInfo | undefined;
  report: ErrorReporter;
}

/** Copies request-derived fields (device, IP, language, platform) into a `user_behavior` record. */
export function addRequestFields(
  record: Record<string, unknown>,
  request: AnyRequest | undefined,
  deps: Pick<BehaviorTrackerDeps, 'trustedProxies' | 'parseDevice'>,
  overrides: { userAgent?: unknown; ip?: unknown } = {},
): void {
  const userAgent =
    typeof overrides.userAgent === 'string' ? overrides.userAgent : headerOf(request, 'user-agent');
  if (userAgent !== undefined) {
    record.user_agent = userAgent;
    const device = deps.parseDevice(userAgent);
    if (device !== undefined) {
      if (device.browser !== undefined) record.browser = device.browser;
      if (device.browser_version !== undefined) record.browser_version = device.browser_version;
      if (device.os !== undefined) record.os = device.os;
      record.device_type = device.device_type;
    }
  }
  const ip = typeof overrides.ip === 'string' ? overrides.ip : clientIp(request, deps.trustedProxies);
  if (ip !== undefined) record.ip = ip;
  const platform = headerOf(request, 'sec-ch-ua-platform')?.replaceAll('"', '') ?? record.os;
  if (platform !== undefined && platform !== '') record.platform = platform;
  const language = headerOf(request, 'accept-language')?.split(/[,;]/, 1)[0]?.trim();
  if (language) record.language = language;
}

/**
 * Creates the tracker. Every call builds one flat record (`source: 'server'`), adds the request's
 * device fields and the current request context, and hands it to the core client. Never throws.
 */
export function createBehaviorTracker(deps: BehaviorTrackerDeps): BehaviorTracker {
  const { client, stream, currency, report } = deps;

  function track(
    eventType: BehaviorEventType,
    sessionId: unknown,
    userId: unknown,
    fields: Record<string, unknown>,
    metadata: TrackMetadata | undefined,
  ) {
    try {
      const context = getRequestContext();
      const record: Record<string, unknown> = { event_type: eventType, source: 'server', ...fields };
      const session = idText(sessionId) ?? context?.sessionId;
      if (session === undefined) {
        // user_behavior's key (the relay refuses such events too): without it the event counts in
        // no session, funnel or conversion, so it is refused here rather than stored unseen.
        report({
          reason: NodeErrorReason.invalidInput,
          message: `track ${eventType} needs a session id (a non-empty string, or setRequestUser's); got ${sessionId === null ? 'null' : typeof sessionId} (dropped)`,
          stream,
          count: 1,
        });
        return;
      }
      record.session_id = session;
      const user = idText(userId) ?? context?.userId;
      if (user !== undefined) record.user_id = user;
      if (context !== undefined) record.request_id = context.requestId;
      const meta = typeof metadata === 'object' && metadata !== null ? metadata : undefined;
      if (meta !== undefined)
        applyTrackMetadata(record, meta, (message) =>
          report({
            reason: NodeErrorReason.invalidInput,
            message: `track ${eventType}: ${message}`,
            stream,
            count: 1,
          }),
        );
      const request = meta?.req ?? context?.request;
      if (request !== undefined && request !== null) {
        addRequestFields(record, request, deps, { userAgent: meta?.userAgent, ip: meta?.ip });
        if (record.referrer === undefined) {
          const referrer = headerOf(request, 'referer');
          if (referrer !== undefined) record.referrer = referrer;
        }
        applyUtmFromPath(record, pathOf(request));
      } else if (meta?.ip !== undefined || meta?.userAgent !== undefined) {
        addRequestFields(record, undefined, deps, { userAgent: meta.userAgent, ip: meta.ip });
      }
      if (
        (record.price !== undefined || record.total_amount !== undefined) &&
        record.currency === undefined
      ) {
        record.currency = currency;
      }
      maskUrlFields(record);
      client.send(stream, record);
    } catch (error) {
      report({
        reason: NodeErrorReason.invalidInput,
        message: `track ${eventType} failed: ${String(error)}`,
        stream,
        count: 1,
      });
    }
  }

  const amount = (name: string, value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    report({
      reason: NodeErrorReason.invalidInput,
      message: `${name} must be a finite number; got ${String(value)} (left out)`,
      stream,
      count: 1,
    });
    return undefined;
  };
  const without = (fields: Record<string, unknown>) => {
    for (const key in fields) if (fields[key] === undefined) delete fields[key];
    return fields;
  };

  return {
    trackPageView: (sessionId, page, userId, metadata) =>
      track(
        BehaviorEventType.PAGE_VIEW,
        sessionId,
        userId,
        without({ page: typeof page === 'string' ? page : undefined }),
        metadata,
      ),
    trackProductView: (sessionId, productId, userId, metadata) =>
      track(BehaviorEventType.PRODUCT_VIEW, sessionId, userId, { product_id: String(productId) }, metadata),
    trackSearch: (sessionId, searchQuery, userId, metadata) =>
      track(BehaviorEventType.SEARCH, sessionId, userId, { search_query: String(searchQuery) }, metadata),
    trackCartOperation(sessionId, operation, productId, quantity, price, userId, metadata) {
      if (operation !== 'CART_ADD' && operation !== 'CART_REMOVE') {
        const message = `trackCartOperation: operation must be CART_ADD or CART_REMOVE; got ${String(operation)}`;
        report({ reason: NodeErrorReason.invalidInput, message, stream, count: 1 });
        return;
      }
      const fields = {
        product_id: String(productId),
        quantity: amount('quantity', quantity),
        price: amount('price', price),
      };
      track(operation, sessionId, userId, without(fields), metadata);
    },
    trackCheckout: (sessionId, orderId, totalAmount, userId, metadata) =>
      track(
        BehaviorEventType.CHECKOUT,
        sessionId,
        userId,
        without({ order_id: String(orderId), total_amount: amount('totalAmount', totalAmount) }),
        metadata,
      ),
    trackPurchase: (sessionId, orderId, totalAmount, userId, metadata) =>
      track(
        BehaviorEventType.PURCHASE,
        sessionId,
        userId,
        without({ order_id: String(orderId), total_amount: amount('totalAmount', totalAmount) }),
        metadata,
      ),
  };
}

/** An id as text: a database id is often a number (`req.user.id === 42`). */
function idText(id: unknown): string | undefined {
  if (typeof id === 'string') return id === '' ? undefined : id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}
