import { getRequestContext } from '../context/request-context.js';
import { addActiveSpanIds } from '../logger/active-span-ids.js';

/**
 * A pino `mixin` that adds what the worker thread cannot see: the active span's
 * `trace_id`/`span_id` and the request's `request_id`/`user_id`/`session_id` from shoptel's
 * middleware. Runs on the app's thread for each line; without a span or request it adds nothing.
 *
 * @example
 * const logger = pino({ mixin: shoptelPinoMixin }, pino.transport({ target: '@shoptel/node/pino' }));
 */
export function shoptelPinoMixin(): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  addActiveSpanIds(fields);
  const context = getRequestContext();
  if (context !== undefined) {
    fields.request_id = context.requestId;
    if (context.userId !== undefined) fields.user_id = context.userId;
    if (context.sessionId !== undefined) fields.session_id = context.sessionId;
  }
  return fields;
}
