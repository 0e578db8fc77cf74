import type { ShoptelClient } from '@shoptel/core';
import { getRequestContext } from '../context/request-context.js';
import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import { absorbMetadata } from './absorb-metadata.js';
import { addActiveSpanIds } from './active-span-ids.js';
import { LOG_LEVEL_RANK, LogLevel, toLogLevel } from './log-level.js';
import { type BusinessLogEntry, LogCategory, type LogMetadata } from './log-types.js';
import { toBusinessRecord } from './to-business-record.js';

/** The seed's `BusinessLoggerService`: business events into `business_events`. */
export interface BusinessLogger {
  /** `USER` event at INFO. @example logger.logUserAction('login', 'u-1', { method: 'password' }) */
  logUserAction(action: string, userId: string, metadata?: LogMetadata): void;
  /** `ORDER` event at INFO. @example logger.logOrderEvent('o-1', 'created', { amount: 99.5 }) */
  logOrderEvent(orderId: string, event: string, metadata?: LogMetadata): void;
  /** `PAYMENT` event at INFO; `currency` defaults to the configured one. */
  logPaymentEvent(
    paymentId: string,
    event: string,
    amount: number,
    status: string,
    metadata?: LogMetadata,
  ): void;
  /** `INVENTORY` event at INFO. */
  logInventoryEvent(productId: string, event: string, quantity: number, metadata?: LogMetadata): void;
  /** `SYSTEM` event at the given level. */
  logSystemEvent(event: string, level: LogLevel, metadata?: LogMetadata): void;
  /** Any entry of the seed's `BusinessLogEntry` shape. */
  log(entry: BusinessLogEntry): void;
  /** Would a call at `level` be recorded? */
  isLevelEnabled(level: LogLevel): boolean;
}

export interface BusinessLoggerDeps {
  client: ShoptelClient;
  stream: string;
  currency: string;
  minLevel: LogLevel;
  report: ErrorReporter;
}

const INFO_RANK = LOG_LEVEL_RANK.INFO;
const ID_COLUMN = { order: 'order_id', payment: 'payment_id', product: 'product_id' } as const;
const MESSAGE_PREFIX: Readonly<Record<LogCategory, string>> = {
  USER: 'User',
  ORDER: 'Order',
  PAYMENT: 'Payment',
  INVENTORY: 'Inventory',
  SYSTEM: 'System',
};

/**
 * Creates the logger. Calls below `minLevel` return before building anything; the rest build one
 * flat record, add the request context and the active span's ids, and hand it to the core client
 * (which masks card numbers and secrets when it serializes). Nothing here throws into the host.
 */
export function createBusinessLogger({
  client,
  stream,
  currency,
  minLevel,
  report,
}: BusinessLoggerDeps): BusinessLogger {
  const minRank = LOG_LEVEL_RANK[minLevel];
  const infoEnabled = INFO_RANK >= minRank;

  function reject(message: string) {
    report({ reason: NodeErrorReason.invalidInput, message, stream, count: 1 });
  }

  function emit(record: Record<string, unknown>, metadata: LogMetadata | undefined) {
    if (metadata !== undefined && metadata !== null) {
      if (typeof metadata === 'object') absorbMetadata(record, metadata);
      else record.metadata_value = metadata;
    }
    const context = getRequestContext();
    if (context !== undefined) {
      record.request_id ??= context.requestId;
      if (context.userId !== undefined) record.user_id ??= context.userId;
      if (context.sessionId !== undefined) record.session_id ??= context.sessionId;
    }
    if (record.trace_id === undefined) addActiveSpanIds(record);
    if (record.amount !== undefined && record.currency === undefined) record.currency = currency;
    client.send(stream, record);
  }

  const idOf = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  /** An event's name: the `action` column every query groups by, so never `"undefined"`. */
  const actionOf = (value: unknown) =>
    typeof value === 'string' && value !== ''
      ? value
      : typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : undefined;
  const noAction = (call: string, value: unknown) =>
    reject(
      `${call} needs an event name (a non-empty string); got ${value === null ? 'null' : typeof value === 'string' ? 'an empty string' : typeof value}`,
    );

  /**
   * The seed's entity events at INFO: `<noun>_id` column, its message, finite numbers (a bad one is
   * left out and reported), then the shared enrichment.
   */
  function logEntity(
    call: string,
    category: LogCategory,
    noun: 'order' | 'payment' | 'product',
    id: unknown,
    event: string,
    numbers: Record<string, unknown> | undefined,
    metadata: LogMetadata | undefined,
    status?: string,
  ) {
    try {
      const value = idOf(id);
      if (value === undefined) return reject(`${call} needs a ${noun} id; got ${typeof id}`);
      const action = actionOf(event);
      if (action === undefined) return noAction(call, event);
      const record: Record<string, unknown> = {
        level: LogLevel.INFO,
        category,
        action,
        message: `${MESSAGE_PREFIX[category]} event: ${action} for ${noun} ${value}`,
      };
      // A constant column name: a computed key (`${noun}_id`) made and looked up a new string
      // on every call.
      record[ID_COLUMN[noun]] = value;
      if (status !== undefined) record.status = status;
      if (numbers !== undefined)
        for (const key in numbers) {
          const number = numbers[key];
          if (typeof number === 'number' && Number.isFinite(number)) record[key] = number;
          else reject(`${call}: ${key} must be a finite number; got ${String(number)} (left out)`);
        }
      emit(record, metadata);
    } catch (error) {
      reject(`${call} failed: ${String(error)}`);
    }
  }

  return {
    logUserAction(action, userId, metadata) {
      if (!infoEnabled) return;
      try {
        const name = actionOf(action);
        if (name === undefined) return noAction('logUserAction', action);
        const record: Record<string, unknown> = {
          level: LogLevel.INFO,
          category: LogCategory.USER,
          action: name,
          message: `User action: ${name}`,
        };
        const user = idOf(userId);
        if (user !== undefined) record.user_id = user;
        emit(record, metadata);
      } catch (error) {
        reject(`logUserAction failed: ${String(error)}`);
      }
    },
    logOrderEvent(orderId, event, metadata) {
      if (infoEnabled)
        logEntity('logOrderEvent', LogCategory.ORDER, 'order', orderId, event, undefined, metadata);
    },
    logPaymentEvent(paymentId, event, amount, status, metadata) {
      if (!infoEnabled) return;
      logEntity(
        'logPaymentEvent',
        LogCategory.PAYMENT,
        'payment',
        paymentId,
        event,
        { amount },
        metadata,
        String(status),
      );
    },
    logInventoryEvent(productId, event, quantity, metadata) {
      if (infoEnabled)
        logEntity(
          'logInventoryEvent',
          LogCategory.INVENTORY,
          'product',
          productId,
          event,
          { quantity },
          metadata,
        );
    },
    logSystemEvent(event, level, metadata) {
      const known = toLogLevel(level);
      if (known !== undefined ? LOG_LEVEL_RANK[known] < minRank : !infoEnabled) return;
      try {
        const name = actionOf(event);
        if (name === undefined) return noAction('logSystemEvent', event);
        if (known === undefined)
          reject(
            `logSystemEvent: level must be DEBUG, INFO, WARN or ERROR; got ${String(level)} (INFO used)`,
          );
        emit(
          {
            level: known ?? LogLevel.INFO,
            category: LogCategory.SYSTEM,
            action: name,
            message: `System event: ${name}`,
          },
          metadata,
        );
      } catch (error) {
        reject(`logSystemEvent failed: ${String(error)}`);
      }
    },
    log(entry) {
      try {
        const level = toLogLevel(entry?.level);
        if (level !== undefined && LOG_LEVEL_RANK[level] < minRank) return;
        const record = toBusinessRecord(entry, reject);
        if (record !== undefined) emit(record, undefined);
      } catch (error) {
        reject(`log failed: ${String(error)}`);
      }
    },
    isLevelEnabled(level) {
      const known = toLogLevel(level);
      return known !== undefined && LOG_LEVEL_RANK[known] >= minRank;
    },
  };
}
