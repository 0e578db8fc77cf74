import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';

/** What the logger and the behaviour tracker read from the request being handled. */
export interface RequestContext {
  /** From `X-Request-Id` when it looks sane, otherwise made by the middleware. */
  requestId: string;
  userId?: string;
  sessionId?: string;
  /** The request itself, so `behavior.track*` needs no `req` inside a handler. */
  request?: IncomingMessage | Request;
}

/**
 * One AsyncLocalStorage for the whole package (module state, created on first use so importing
 * has no side effect): the middleware runs a request inside it, and everything called from that
 * request, however deeply awaited, sees the same context.
 */
// Kept on globalThis under a registered symbol: the CommonJS builds of `@shoptel/node` and
// `@shoptel/node/pino` are separate files, each with its own copy of this module, and the pino
// mixin must see the context the middleware set.
const STORAGE_KEY = Symbol.for('shoptel.node.requestContext');
type Holder = { [STORAGE_KEY]?: AsyncLocalStorage<RequestContext> };
const holder = globalThis as Holder;
let storage: AsyncLocalStorage<RequestContext> | undefined = holder[STORAGE_KEY];

function store(): AsyncLocalStorage<RequestContext> {
  storage ??= holder[STORAGE_KEY] ??= new AsyncLocalStorage<RequestContext>();
  return storage;
}

/** Runs `fn` with `context` as the current request context. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return store().run(context, fn);
}

/** The context of the request being handled, or `undefined` outside one. */
export function getRequestContext(): RequestContext | undefined {
  storage ??= holder[STORAGE_KEY];
  return storage?.getStore();
}

/**
 * Sets who the current request is for, after your auth middleware has run: later logs and behaviour
 * events of the request carry these ids. Outside a request it does nothing.
 *
 * @example app.use((req, _res, next) => { setRequestUser(req.user?.id, req.sessionID); next(); });
 */
export function setRequestUser(userId: string | number | undefined, sessionId?: string | number): void {
  const context = storage?.getStore();
  if (context === undefined) return;
  const user = idText(userId);
  if (user !== undefined) context.userId = user;
  const session = idText(sessionId);
  if (session !== undefined) context.sessionId = session;
}

/** An id as text: database ids are often numbers (`req.user.id === 42`), as the default `identify` reads them. */
function idText(id: unknown): string | undefined {
  if (typeof id === 'string') return id === '' ? undefined : id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  if (typeof id === 'bigint') return id.toString();
  return undefined;
}
