import { maskUrl } from '../privacy/mask-url.js';
import type { BehaviorRecord, WireItem } from './behavior-record.js';
import type { AnyProps } from './event-props.js';

/** The relay's length limits (validate-behavior-event.ts): longer values are cut, not refused. */
const ID_CHARS = 128;
const NAME_CHARS = 512;
/** wire-format.md: `items` holds at most 200 lines. */
const MAX_ITEMS = 200;

/**
 * Whether the last `toBehaviorFields` left out a value it was given (an amount that is no
 * number, a currency that is no code, lines that are no list or have no product id), for the
 * API's report. Only in the npm build: the script tags have no bytes for it.
 */
export let leftOut = false;
const given = (value: unknown) => value != null && value !== '';

/**
 * Text from a string or number (a dataLayer's numeric ids), else nothing: an object (the product
 * itself given as its id) or a function (its getter, not called) would be one id for all.
 */
const text = (value: unknown, max: number): string | undefined =>
  value !== '' && (typeof value === 'string' || typeof value === 'number')
    ? String(value).slice(0, max)
    : undefined;

/**
 * A finite number from a number or a numeric string (data attributes are strings), else nothing.
 * Shops print prices as they show them: currency signs and spaces are ignored (`€12`, `12,50 €`,
 * `1 234,56`), a comma before the last one or two digits is the decimal separator (`12,50`,
 * `1.234,56`), a comma before three is a thousands separator (`$1,234.56`).
 */
export const toAmount = (value: unknown): number | undefined => {
  let n = value;
  if (typeof value === 'string') {
    // A plain number as JavaScript reads it (`12.50`, `1e3`); an empty string is none, not 0.
    n = value.trim() && Number(value);
    if (Number.isNaN(n)) {
      const text = value.replace(/[^\d,.-]/g, '');
      // Nothing numeric left (`call for price`): no amount.
      n =
        text &&
        Number(
          /,\d\d?$/.test(text)
            ? text.replace(/\./g, '').replace(',', '.')
            : text.replace(/,(?=\d{3}\b)/g, ''),
        );
    }
  }
  if (__SHOPTEL_NPM__ && !(typeof n === 'number' && Number.isFinite(n)) && given(value)) leftOut = true;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/**
 * The last currency read and its code: a shop sends one currency, and the first regex test in a
 * task cost a lone call ~10 µs in Chromium.
 */
let lastCurrency: unknown;
let lastCode: string | undefined;
const toCurrency = (value: unknown): string | undefined => {
  if (value !== lastCurrency) {
    lastCurrency = value;
    const code = typeof value === 'string' ? value.toUpperCase() : undefined;
    lastCode = code && /^[A-Z]{3}$/.test(code) ? code : undefined;
  }
  if (__SHOPTEL_NPM__ && !lastCode && given(value)) leftOut = true;
  return lastCode;
};

/**
 * The one place the camelCase props of the API and the captures become wire fields. Values the
 * relay would refuse (non-numeric amounts, malformed currency) are left out rather than costing
 * the whole event; `defaultCurrency` fills in for an amount given without one.
 */
export function toBehaviorFields(
  props: AnyProps,
  defaultCurrency: string | undefined,
): Partial<BehaviorRecord> {
  if (__SHOPTEL_NPM__) leftOut = false;
  const fields: Partial<BehaviorRecord> = {
    product_id: text(props.productId, ID_CHARS),
    product_name: text(props.productName, NAME_CHARS),
    category_id: text(props.categoryId, ID_CHARS),
    // A shopper may search for an order by their email; masked as in URLs.
    // Masked only when there is one: two regex passes per event add up at one event per task.
    search_query: props.query == null ? undefined : text(maskUrl(String(props.query).trim()), NAME_CHARS),
    cart_id: text(props.cartId, ID_CHARS),
    order_id: text(props.orderId, ID_CHARS),
    price: toAmount(props.price),
    quantity: toAmount(props.quantity),
    total_amount: toAmount(props.totalAmount),
    currency: toCurrency(props.currency),
  };
  // Plain JavaScript may pass a cart object: its lines are left out, not the whole purchase.
  if (__SHOPTEL_NPM__ && given(props.items) && !Array.isArray(props.items)) leftOut = true;
  if (Array.isArray(props.items)) {
    const items: WireItem[] = [];
    for (const item of props.items.slice(0, MAX_ITEMS)) {
      const productId = text(item?.productId, ID_CHARS);
      if (__SHOPTEL_NPM__ && productId === undefined) leftOut = true;
      if (productId === undefined) continue;
      items.push({
        product_id: productId,
        name: text(item.name, NAME_CHARS),
        price: toAmount(item.price),
        quantity: toAmount(item.quantity),
      });
    }
    fields.items = items;
  }
  if (fields.currency === undefined && (fields.price !== undefined || fields.total_amount !== undefined))
    fields.currency = defaultCurrency;
  return fields;
}
