// `@shoptel/core/utf8`: byte length of text without an encoder, for byte-bounded batches.
export { utf8Length } from '../batch/utf8-length.js';
