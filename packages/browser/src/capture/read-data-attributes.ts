import type { AnyProps } from '../events/event-props.js';

/**
 * Product fields from `data-shoptel-*` attributes: on the element itself, else on the nearest
 * `[data-shoptel-product-id]` container (a button inside a product card). `idAttribute` names the
 * attribute whose value may carry the id itself (`data-shoptel-cart-add="sku-1"`).
 */
export function readDataAttributes(element: Element, idAttribute?: string): AnyProps {
  const container = element.closest('[data-shoptel-product-id]');
  const read = (name: string) =>
    element.getAttribute(`data-shoptel-${name}`) ??
    container?.getAttribute(`data-shoptel-${name}`) ??
    undefined;
  return {
    productId:
      read('product-id') ?? (idAttribute ? element.getAttribute(idAttribute) : undefined) ?? undefined,
    productName: read('product-name'),
    categoryId: read('category-id'),
    price: read('price') as unknown as number,
    quantity: read('quantity') as unknown as number,
    currency: read('currency'),
    cartId: read('cart-id'),
  };
}
