/** One line of an order or cart. */
export interface ItemProps {
  productId: string;
  name?: string;
  price?: number;
  quantity?: number;
}

/** Overrides for a page view; by default everything is read from `location` and `document`. */
export interface PageViewProps {
  page?: string;
  url?: string;
  title?: string;
}

export interface ProductProps {
  productId: string;
  productName?: string;
  categoryId?: string;
  price?: number;
  currency?: string;
}

export interface SearchProps {
  query: string;
}

export interface CartProps extends ProductProps {
  quantity?: number;
  cartId?: string;
}

export interface OrderProps {
  orderId?: string;
  cartId?: string;
  totalAmount?: number;
  currency?: string;
  items?: ItemProps[];
}

/** A purchase needs its order id: it is how a purchase is counted once. */
export interface PurchaseProps extends OrderProps {
  orderId: string;
}

/** Any of the above, as the captures and the API hand them to the tracker. */
export type AnyProps = Partial<PageViewProps & CartProps & SearchProps & OrderProps>;
