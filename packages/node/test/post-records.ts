// Writes fixture records straight into a devserver's `_json` endpoint, as OpenObserve ingests them.
import { expect } from 'vitest';
import { AUTH } from './devserver.js';

const CHUNK = 5000;

/** Posts `records` to `stream` in chunks and fails the test unless every record was stored. */
export async function postRecords(url: string, stream: string, records: readonly object[]): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`;
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    const response = await fetch(`${url}/api/default/${stream}/_json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(chunk),
    });
    const body = (await response.json()) as {
      status: { successful: number; failed: number; error?: string }[];
    };
    expect(response.status).toBe(200);
    expect(body.status[0]).toMatchObject({ successful: chunk.length, failed: 0 });
  }
}

/** A record of `stream` at `ms`, with the common wire fields. */
export function recordAt(ms: number, fields: Record<string, unknown>): Record<string, unknown> {
  return { _timestamp: ms * 1000, event_time: new Date(ms).toISOString(), ...fields };
}
