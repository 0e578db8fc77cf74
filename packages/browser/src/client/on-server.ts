/**
 * True in a server render (Next.js, Nuxt, Remix, Astro run the storefront's modules in Node,
 * which has no `window` or `document`): there is no page to capture or deliver from.
 */
export const onServer = () => typeof window === 'undefined' || typeof document === 'undefined';
