import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { BUSINESS_ID_ATTRIBUTES } from './span-attributes.js';

const isPrimitive = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * User attributes as OpenTelemetry takes them: business ids renamed (`orderId` → `order.id`),
 * primitives and arrays of primitives kept, a valid Date as ISO 8601 and a BigInt as its decimal
 * text, anything else (objects, functions, null) left out.
 */
export function toSpanAttributes(
  attributes: Record<string, unknown> | undefined,
  into: Attributes = {},
): Attributes {
  if (typeof attributes !== 'object' || attributes === null) return into;
  for (const key in attributes) {
    const value = attributes[key];
    const name = BUSINESS_ID_ATTRIBUTES[key] ?? key;
    if (isPrimitive(value)) into[name] = value;
    else if (Array.isArray(value) && value.every(isPrimitive)) into[name] = value as AttributeValue;
    // An order's `createdAt` or a BigInt amount has a text form: kept rather than left out unseen.
    else if (value instanceof Date && !Number.isNaN(value.getTime())) into[name] = value.toISOString();
    else if (typeof value === 'bigint') into[name] = value.toString();
  }
  return into;
}
