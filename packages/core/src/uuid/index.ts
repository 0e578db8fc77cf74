// `@shoptel/core/uuid`: UUID v7 event ids alone, for clients that bring their own serializer.

export { createSmallUuidV7Generator } from '../wire/small-uuid-v7.js';
export { createUuidV7Generator } from '../wire/uuid-v7.js';
