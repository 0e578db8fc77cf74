/**
 * One NDJSON line from pino as an object. A line that is not a JSON object (another writer on the
 * stream, a truncated line) is kept whole as `message`, so nothing written is lost.
 */
export function parsePinoLine(line: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // kept as text below
  }
  return { message: line, unparsed: true };
}
