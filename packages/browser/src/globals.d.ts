/** Replaced at build time: `true` only in `shoptel.debug.global.js` and in the tests. */
declare const __SHOPTEL_DEBUG__: boolean;
/**
 * Replaced at build time: `true` in the npm build (`dist/index.js`, `direct.js`) and in the tests,
 * `false` in the script tags, whose byte budget has no room for what it guards.
 */
declare const __SHOPTEL_NPM__: boolean;
