import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Tracer } from '@opentelemetry/api';
import type { ShoptelClient } from '@shoptel/core';
import { maskUrl } from '../behavior/mask-url-fields.js';
import { type RequestContext, runWithRequestContext } from '../context/request-context.js';
import type { ErrorReporter } from '../errors/node-error.js';
import { addActiveSpanIds } from '../logger/active-span-ids.js';
import { clientIp } from '../request/client-ip.js';
import { type AnyRequest, headerOf, pathOf } from '../request/request-headers.js';
import { runInContext, type ServerSpan, startServerSpan } from '../tracing/start-server-span.js';
import { trackExpressRoute } from './track-express-route.js';

/** Options of `middleware()`. */
export interface MiddlewareOptions {
  /**
   * Who the request is for. Called when the request starts and again when it ends (your session
   * middleware runs after this one). @default reads `req.user.id` and `req.sessionID`/`req.session.id`
   */
  identify?: (request: AnyRequest) => { userId?: string; sessionId?: string } | undefined;
  /** Header carrying the request id in and out. @default 'x-request-id' */
  requestIdHeader?: string;
  /** One record per request in `application_logs`. @default true */
  accessLog?: boolean;
  /** Paths (without query) to leave alone: health checks, the metrics endpoint. @default [] */
  ignorePaths?: string[];
}

/** A Connect/Express middleware, with `.fetch(handler)` for Fetch-style servers. */
export interface ShoptelMiddleware {
  (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  /** Wraps a `(request) => Response` handler (Hono, Bun-style, Next route handlers, …). */
  fetch<A extends unknown[]>(
    handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  ): (request: Request, ...rest: A) => Promise<Response>;
}

export interface MiddlewareDeps {
  client: ShoptelClient;
  stream: string;
  tracer: Tracer | undefined;
  trustedProxies: number;
  report: ErrorReporter;
}

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;
/** nginx's status for a request the client closed before any response was sent. */
const CLIENT_CLOSED_REQUEST = 499;

function defaultIdentify(request: AnyRequest) {
  const r = request as { user?: { id?: unknown }; sessionID?: unknown; session?: { id?: unknown } };
  const userId = r.user?.id;
  const sessionId = r.sessionID ?? r.session?.id;
  return {
    userId: typeof userId === 'string' || typeof userId === 'number' ? String(userId) : undefined,
    sessionId: typeof sessionId === 'string' ? sessionId : undefined,
  };
}

/**
 * Creates the request middleware: a request id (kept from `X-Request-Id` when sane, else made, and
 * echoed), a SERVER span continuing the caller's `traceparent` (when tracing is on), the request
 * context the logger and tracker read, and one access record per request. Never throws into the
 * host: a failure of shoptel's own part still calls `next()`.
 */
export function createMiddleware(deps: MiddlewareDeps, options: MiddlewareOptions = {}): ShoptelMiddleware {
  const header = (options.requestIdHeader ?? 'x-request-id').toLowerCase();
  const identify = options.identify ?? defaultIdentify;
  const accessLog = options.accessLog ?? true;
  const ignored = new Set(options.ignorePaths ?? []);

  /** Everything up to the handler; returns what to run it in and how to finish. */
  function begin(request: AnyRequest, method: string) {
    const full = pathOf(request) ?? '/';
    const query = full.indexOf('?');
    const rawPath = query === -1 ? full : full.slice(0, query);
    if (ignored.has(rawPath)) return undefined;
    // `/users/jane@example.com/orders`: e-mails in a path masked as the behaviour URLs are.
    const path = maskUrl(rawPath);
    const given = headerOf(request, header);
    const requestId = given !== undefined && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    const ip = clientIp(request, deps.trustedProxies);
    const context: RequestContext = { requestId, request };
    const ids = safeIdentify(identify, request);
    if (ids?.userId) context.userId = ids.userId;
    if (ids?.sessionId) context.sessionId = ids.sessionId;
    const server: ServerSpan | undefined =
      deps.tracer === undefined ? undefined : startServerSpan(deps.tracer, request, method, path, ip);
    const startedAt = performance.now();

    function finish(status: number, route: string | undefined, extra: Record<string, unknown> = {}) {
      server?.end(status, route);
      if (!accessLog) return;
      const later = safeIdentify(identify, request);
      const record: Record<string, unknown> = {
        type: 'access',
        level: status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO',
        message: `${method} ${route ?? path} ${status}`,
        method,
        path,
        status,
        duration_ms: Math.round((performance.now() - startedAt) * 1000) / 1000,
        request_id: requestId,
        ...extra,
      };
      if (route !== undefined) record.route = route;
      const userId = later?.userId ?? context.userId;
      const sessionId = later?.sessionId ?? context.sessionId;
      if (userId) record.user_id = userId;
      if (sessionId) record.session_id = sessionId;
      if (ip !== undefined) record.ip = ip;
      const userAgent = headerOf(request, 'user-agent');
      if (userAgent !== undefined) record.user_agent = userAgent;
      if (server !== undefined) runInContext(server.context, () => addActiveSpanIds(record));
      deps.client.send(deps.stream, record);
    }
    return {
      requestId,
      context,
      run: <T>(fn: () => T) => runWithRequestContext(context, () => runInContext(server?.context, fn)),
      finish,
    };
  }

  const middleware = ((req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    let started: ReturnType<typeof begin>;
    try {
      started = begin(req, req.method ?? 'GET');
      if (started !== undefined && !res.headersSent) res.setHeader(header, started.requestId);
    } catch (error) {
      deps.report({ reason: 'internal', message: `middleware failed: ${String(error)}`, count: 0 });
      started = undefined;
    }
    if (started === undefined) return next();
    const { finish, run } = started;
    const matchedRoute = trackExpressRoute(req);
    let done = false;
    const onDone = () => {
      if (done) return;
      done = true;
      const route = matchedRoute();
      try {
        if (res.writableFinished) finish(res.statusCode, route);
        // Closed before a response went out: `res.statusCode` is only the 200 Node starts with.
        else finish(res.headersSent ? res.statusCode : CLIENT_CLOSED_REQUEST, route, { aborted: true });
      } catch (error) {
        deps.report({ reason: 'internal', message: `access record failed: ${String(error)}`, count: 0 });
      }
    };
    res.once('finish', onDone);
    res.once('close', onDone);
    run(next);
  }) as ShoptelMiddleware;

  middleware.fetch =
    (handler) =>
    async (request, ...rest) => {
      let started: ReturnType<typeof begin>;
      try {
        started = begin(request, request.method);
      } catch (error) {
        deps.report({ reason: 'internal', message: `middleware failed: ${String(error)}`, count: 0 });
        started = undefined;
      }
      if (started === undefined) return handler(request, ...rest);
      const { finish, run, requestId } = started;
      try {
        const response = await run(() => handler(request, ...rest));
        try {
          if (!response.headers.has(header)) response.headers.set(header, requestId);
        } catch {
          // Immutable headers (a Response from fetch): the id stays in the records.
        }
        finish(response.status, undefined);
        return response;
      } catch (error) {
        finish(500, undefined, { error: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    };
  return middleware;
}

function safeIdentify(identify: NonNullable<MiddlewareOptions['identify']>, request: AnyRequest) {
  try {
    return identify(request);
  } catch {
    return undefined;
  }
}
