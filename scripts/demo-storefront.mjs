// The storefront part of `npm run demo`: a multi-page and a single-page shop with the
// @shoptel/browser script tag, whose events go through @shoptel/node's relay (at /shoptel on the
// same origin) into the devserver's `user_behavior` stream. Needs the packages built.
//
//   import { startStorefrontDemo } from './demo-storefront.mjs';
//   const storefront = await startStorefrontDemo({ url: server.url, auth });
//
// Run alone (`node scripts/demo-storefront.mjs`) it starts its own in-memory devserver.
import { fileURLToPath } from 'node:url';

/**
 * Serves the demo storefront through the relay and prints its URL.
 * @param {{ url: string, auth: { username: string, password: string }, port?: number, serviceName?: string }} options
 * @returns {Promise<{ url: string, flush(): Promise<unknown>, close(): Promise<void> }>}
 */
export async function startStorefrontDemo({ url, auth, port = 0, serviceName = 'storefront-demo' }) {
  const { createShoptel } = await import('../packages/node/dist/index.js');
  const { startStorefront } = await import('../packages/browser/storefront/start-storefront.mjs');
  const shoptel = createShoptel({ url, auth, serviceName });
  const storefront = await startStorefront({ relay: shoptel.relay(), port });
  console.log(
    `storefront: ${storefront.url}/shop/ (multi-page) and ${storefront.url}/spa/ (single-page, GA4 dataLayer);` +
      ` browse it, then query user_behavior WHERE service = '${serviceName}'`,
  );
  return {
    url: storefront.url,
    /** Ships what the relay holds now, so queries see it. */
    flush: () => shoptel.flush(),
    async close() {
      await storefront.close();
      await shoptel.shutdown();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startDevServer } = await import('../packages/devserver/dist/index.js');
  const auth = { username: 'root@example.com', password: 'Complexpass#123' };
  const server = await startDevServer({ port: 0 });
  console.log(`devserver on ${server.url} (Basic ${auth.username} / ${auth.password})`);
  const storefront = await startStorefrontDemo({ url: server.url, auth });
  process.once('SIGINT', async () => {
    await storefront.close();
    await server.stop();
    process.exit(0);
  });
}
