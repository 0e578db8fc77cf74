/**
 * OpenObserve's stream-name rule (`format_stream_name`): every run of characters outside
 * `[a-zA-Z0-9_:]` becomes one `_`, then the name is lowercased (the server default
 * `ZO_FORMAT_STREAM_NAME_TO_LOWERCASE=true`). Applying it on the client means the name we query
 * is the name the server stored, and we can warn when a configured name would silently change.
 *
 * @example normalizeStreamName('Business-Events.v2') // 'business_events_v2'
 */
export function normalizeStreamName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_:]+/g, '_').toLowerCase();
}
