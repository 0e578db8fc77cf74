import type { ItemProps, OrderProps } from '../events/event-props.js';
import { readDataAttributes } from './read-data-attributes.js';
import { readUrlParams } from './read-url-params.js';

/**
 * The order on a confirmation page: `[data-shoptel-purchase="<order id>"]` with
 * `data-shoptel-total` and `data-shoptel-currency`, its lines from the
 * `[data-shoptel-product-id]` elements inside it.
 */
export function findPurchase(root: ParentNode): OrderProps | undefined {
  const element = root.querySelector('[data-shoptel-purchase]');
  const orderId = element?.getAttribute('data-shoptel-purchase');
  if (!element || !orderId) return undefined;
  const items: ItemProps[] = [];
  for (const line of element.querySelectorAll('[data-shoptel-product-id]')) {
    const props = readDataAttributes(line);
    items.push({
      productId: props.productId!,
      name: props.productName,
      price: props.price,
      quantity: props.quantity,
    });
  }
  return {
    orderId,
    totalAmount: element.getAttribute('data-shoptel-total') as unknown as number,
    currency: element.getAttribute('data-shoptel-currency') ?? undefined,
    items,
  };
}

/**
 * The order id in a confirmation URL matching `pattern`: its first capture group, else the
 * `order_id` or `order` parameter (also of a hash route). `undefined` when the URL does not match.
 */
export function orderIdFromUrl(pattern: RegExp, location: Location | URL): string | undefined {
  const match = pattern.exec(location.href);
  if (!match) return undefined;
  const params = readUrlParams(location);
  return match[1] ?? params.get('order_id') ?? params.get('order') ?? '';
}
