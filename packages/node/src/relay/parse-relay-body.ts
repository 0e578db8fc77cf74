/** One event that could not be read or used, by its position in the batch. */
export interface Rejection {
  index: number;
  reason: string;
}

export type ParsedBody =
  | { ok: true; events: unknown[]; rejected: Rejection[] }
  | { ok: false; reason: string };

/**
 * Reads a relay body: a JSON array of events, one JSON event, or NDJSON (one event per line, blank
 * lines skipped). In NDJSON an unreadable line is one rejected event; a body of which nothing can
 * be read is refused whole.
 */
export function parseRelayBody(text: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty body' };
  const lines = trimmed.split('\n');
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return { ok: true, events: parsed, rejected: [] };
    } catch (error) {
      // NDJSON whose first line is a bad one (`[1,2]`, `[oops`): read line by line below, so the
      // good lines are kept and that one is rejected by index.
      if (lines.length === 1)
        return { ok: false, reason: `body is not valid JSON: ${(error as Error).message}` };
    }
  }
  if (lines.length === 1) {
    try {
      return { ok: true, events: [JSON.parse(trimmed)], rejected: [] };
    } catch (error) {
      return { ok: false, reason: `body is neither JSON nor NDJSON: ${(error as Error).message}` };
    }
  }
  const events: unknown[] = [];
  const rejected: Rejection[] = [];
  let readable = 0;
  for (const line of lines) {
    const content = line.trim();
    if (content === '') continue;
    try {
      events.push(JSON.parse(content));
      readable++;
    } catch {
      rejected.push({ index: events.length, reason: 'line is not valid JSON' });
      events.push(undefined);
    }
  }
  if (readable === 0) return { ok: false, reason: 'no line of the NDJSON body is valid JSON' };
  return { ok: true, events, rejected };
}
