import { sql } from '@shoptel/core';
import { BehaviorEventType } from '../behavior/behavior-types.js';
import { TOP_PRODUCTS_BY, type TopProductRow, type TopProductsOptions } from './analytics-types.js';
import { AnalyticsValidationError } from './analytics-validation-error.js';
import { checkEnumValue, checkIntegerOption } from './check-filter-value.js';
import {
  ANALYTICS_PAGE_SIZE,
  type AnalyticsSearch,
  type FieldRef,
  numberOf,
} from './create-analytics-search.js';
import type { TimeRange } from './resolve-time-range.js';

const DEFAULT_TOP_PRODUCTS_LIMIT = 10;

/**
 * Products ranked by product views, cart adds (events) or purchases. `PURCHASE` events carry
 * their lines only as the JSON text `items`, which OpenObserve's SQL and the devserver's read with
 * different functions, so a product's purchases are the sessions that added it to the cart and
 * purchased within the range.
 */
export async function getTopProducts(
  search: AnalyticsSearch,
  stream: string,
  range: TimeRange,
  options: TopProductsOptions = {},
): Promise<TopProductRow[]> {
  if (typeof options !== 'object' || options === null) {
    throw new AnalyticsValidationError('options', 'must be an object { by?, limit? }');
  }
  const by = checkEnumValue(options.by, TOP_PRODUCTS_BY, 'options.by') ?? 'views';
  const limit = checkIntegerOption(
    options.limit,
    DEFAULT_TOP_PRODUCTS_LIMIT,
    1,
    ANALYTICS_PAGE_SIZE,
    'options.limit',
  );
  const table = sql.id(stream);

  const query = (f: FieldRef) =>
    by === 'purchases'
      ? sql`SELECT ${f('product_id')} AS product_key, count(DISTINCT ${f('session_id')}) AS n
          FROM ${table}
          WHERE ${f('event_type')} = ${BehaviorEventType.CART_ADD} AND ${f('product_id')} IS NOT NULL
            AND ${f('session_id')} IN (SELECT ${f('session_id')} FROM ${table}
              WHERE ${f('event_type')} = ${BehaviorEventType.PURCHASE})
          GROUP BY ${f('product_id')}
          ORDER BY n DESC, product_key
          LIMIT ${limit}`
      : sql`SELECT ${f('product_id')} AS product_key, count(*) AS n
          FROM ${table}
          WHERE ${f('event_type')} = ${by === 'views' ? BehaviorEventType.PRODUCT_VIEW : BehaviorEventType.CART_ADD}
            AND ${f('product_id')} IS NOT NULL
          GROUP BY ${f('product_id')}
          ORDER BY n DESC, product_key
          LIMIT ${limit}`;
  const rows = await search.page<Record<string, unknown>>(query, range, limit);
  return rows.map((row) => ({
    productId: String(row.product_key),
    count: numberOf(row.n),
  }));
}
