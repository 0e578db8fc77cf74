/** The stream types OpenObserve accepts, also as a table prefix in SQL (`"metrics"."cpu"`). */
export const STREAM_TYPES = ['logs', 'metrics', 'traces'] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

/** Whether `value` names a stream type. */
export function isStreamType(value: string): value is StreamType {
  return (STREAM_TYPES as readonly string[]).includes(value);
}
