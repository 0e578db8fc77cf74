/** Replaced at build time: `true` only in `shoptel.debug.global.js` and in the tests. */
declare const __SHOPTEL_DEBUG__: boolean;
