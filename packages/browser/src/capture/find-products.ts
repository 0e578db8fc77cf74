import type { AnyProps } from '../events/event-props.js';
import { readDataAttributes } from './read-data-attributes.js';

type JsonNode = Record<string, unknown>;

const asArray = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/**
 * `ProductGroup` (a page with variants) is a schema.org `Product` too, and stands for the page.
 * The type may be written as a full IRI (`http://schema.org/Product`).
 */
const isProduct = (node: JsonNode) =>
  asArray(node['@type']).some((type) => /^(https?:\/\/schema\.org\/)?Product(Group)?$/.test(type as string));

/**
 * A schema.org `Product` as product props: `sku`, else `productID` (`productGroupID`), else `@id`
 * is the id; the price from its offers (`price`, `lowPrice`, `priceSpecification`), or its first
 * variant's.
 */
function fromJsonLd(node: JsonNode): AnyProps {
  const variant = asArray(node.hasVariant)[0] as JsonNode | undefined;
  const offer = asArray(node.offers ?? variant?.offers)[0] as JsonNode | undefined;
  return {
    productId: (node.sku ?? node.productID ?? node.productGroupID ?? node['@id']) as string,
    productName: node.name as string,
    categoryId: node.category as string,
    price: (offer?.price ??
      offer?.lowPrice ??
      (asArray(offer?.priceSpecification)[0] as JsonNode | undefined)?.price) as number,
    currency: offer?.priceCurrency as string,
  };
}

/** A product found in the page, with the element it was read from (the JSON-LD `<script>`). */
export type FoundProduct = AnyProps & { element: Element };

/**
 * The products a page shows as its subject: schema.org `Product` nodes in JSON-LD (also inside
 * `@graph` and arrays) and `[data-shoptel-product-id]` elements that are not cart buttons, order
 * lines or in a list item, when they all name one product. Unreadable JSON-LD is skipped.
 */
export function findProducts(root: ParentNode): FoundProduct[] {
  const found: FoundProduct[] = [];
  const visit = (value: unknown, element: Element) => {
    for (const node of asArray(value) as JsonNode[]) {
      if (typeof node !== 'object' || node === null) continue;
      if (isProduct(node)) found.push({ ...fromJsonLd(node), element });
      else if (node['@graph']) visit(node['@graph'], element);
    }
  };
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), script);
    } catch {
      // A page's broken JSON-LD is its own problem; the other sources still count.
    }
  }
  // Markup stands for the page only on a page about one product: the cards of a listing (many
  // ids) are not viewed products, and cards in a list (related products) do not count.
  const marked: FoundProduct[] = [];
  const ids = new Set<unknown>();
  for (const element of root.querySelectorAll('[data-shoptel-product-id]')) {
    if (element.matches('[data-shoptel-cart-add],[data-shoptel-cart-remove]')) continue;
    if (element.closest('[data-shoptel-purchase],li,[role=listitem]')) continue;
    const product = { ...readDataAttributes(element), element };
    if (!product.productId) continue;
    marked.push(product);
    ids.add(product.productId);
  }
  if (ids.size === 1) found.push(...marked);
  return found.filter((product) => product.productId);
}
