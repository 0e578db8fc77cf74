import type { IncomingMessage } from 'node:http';

interface ExpressRequest {
  route?: { path?: unknown };
  baseUrl?: unknown;
}

const routeOf = (route: ExpressRequest['route'], baseUrl: unknown) =>
  typeof route?.path === 'string' ? `${typeof baseUrl === 'string' ? baseUrl : ''}${route.path}` : undefined;

/**
 * Express's matched route as `baseUrl + route.path`, read when Express sets `req.route`. Read at
 * the end of the request instead, the route of a mounted router lost its mount path whenever an
 * error handler outside the router answered (Express restores `baseUrl` on the way out, but not
 * `route`): `/:id/refund` instead of `/api/orders/:id/refund`. Returns the route matched last, or
 * `undefined` outside Express.
 */
export function trackExpressRoute(req: IncomingMessage): () => string | undefined {
  const request = req as IncomingMessage & ExpressRequest;
  let route = request.route;
  let matched: string | undefined;
  try {
    Object.defineProperty(request, 'route', {
      configurable: true,
      enumerable: true,
      get: () => route,
      set(next: ExpressRequest['route']) {
        route = next;
        matched = routeOf(next, request.baseUrl);
      },
    });
  } catch {
    // A frozen or exotic request: fall back to reading at the end.
  }
  return () => matched ?? routeOf(request.route, request.baseUrl);
}
