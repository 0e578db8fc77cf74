import { describe, expect, it } from 'vitest';
import { OpenObserveQueryError } from './openobserve-query-error.js';
import { queryErrorFromResponse } from './query-error-from-response.js';

const SQL = 'SELECT * FROM "orders"';

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return queryErrorFromResponse({ status, body, headers }, SQL);
}

describe('queryErrorFromResponse', () => {
  it('reads the parser-error shape {code, message}', () => {
    const error = answer(
      400,
      '{"code":400,"message":"Error# sql parser error: Expected: an expression, found: EOF"}',
    );
    expect(error).toBeInstanceOf(OpenObserveQueryError);
    expect(error).toMatchObject({
      status: 400,
      code: 400,
      serverMessage: 'Error# sql parser error: Expected: an expression, found: EOF',
      errorDetail: undefined,
      traceId: undefined,
      sql: SQL,
    });
    expect(error.message).toBe(
      'OpenObserve search failed (HTTP 400): Error# sql parser error: Expected: an expression, found: EOF',
    );
  });

  it('reads the coded shape with error_detail, trace_id, hint and suggestions', () => {
    const body = JSON.stringify({
      code: 20004,
      message: 'Search field not found',
      error_detail: 'Schema error: No field named amout',
      trace_id: '7f3a9c',
      hint: 'check the field name',
      suggestions: ['amount', 3],
    });
    const error = answer(400, body, { 'x-error-message': '20004' });
    expect(error).toMatchObject({
      status: 400,
      code: 20004,
      serverMessage: 'Search field not found',
      errorDetail: 'Schema error: No field named amout',
      traceId: '7f3a9c',
      hint: 'check the field name',
      suggestions: ['amount'],
    });
    expect(error.message).toBe(
      'OpenObserve search failed (HTTP 400, code 20004): Search field not found — Schema error: No field named amout ' +
        '(hint: check the field name) [trace_id 7f3a9c]',
    );
  });

  it('reads a plain-text 422 from the JSON extractor', () => {
    const text =
      'Failed to deserialize the JSON body into the target type: query: missing field `start_time`';
    expect(answer(422, `${text}\n`)).toMatchObject({ status: 422, code: 422, serverMessage: text });
  });

  it('takes the code from X-Error-Message when the body has none', () => {
    expect(answer(408, 'Search timeout', { 'x-error-message': '20010' })).toMatchObject({
      code: 20010,
      serverMessage: 'Search timeout',
    });
  });

  it('uses a textual X-Error-Message as the message for an empty body', () => {
    expect(answer(500, '', { 'x-error-message': 'Search stream not found' })).toMatchObject({
      code: 500,
      serverMessage: 'Search stream not found',
    });
  });

  it('explains an empty 401 and an empty body', () => {
    expect(answer(401, '').serverMessage).toMatch(/credentials/);
    expect(answer(502, '  ').serverMessage).toBe('HTTP 502 with an empty body');
  });

  it('shortens a large proxy page and ignores JSON that is not an object', () => {
    const page = `<html>${'x'.repeat(5000)}</html>`;
    expect(answer(502, page).serverMessage.length).toBeLessThanOrEqual(1001);
    expect(answer(400, '["a"]').serverMessage).toBe('["a"]');
    expect(answer(400, '{"code":"bad","message":7}')).toMatchObject({
      code: 400,
      serverMessage: '{"code":"bad","message":7}',
    });
  });
});

describe('OpenObserveQueryError', () => {
  it('is an Error with a name, a cause and the SQL kept out of the message', () => {
    const cause = new Error('socket hang up');
    const error = new OpenObserveQueryError({
      status: undefined,
      code: 'network',
      serverMessage: 'socket hang up',
      sql: "SELECT * FROM t WHERE email = 'a@b.c'",
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OpenObserveQueryError');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('OpenObserve search failed (no response, code network): socket hang up');
    expect(error.message).not.toContain('a@b.c');
  });

  it.each([
    [{ status: undefined, code: 'timeout' as const }, true],
    [{ status: undefined, code: 'network' as const }, true],
    [{ status: 408, code: 20010 }, true],
    [{ status: 429, code: 20012 }, true],
    [{ status: 503, code: 503 }, true],
    [{ status: 500, code: 10001 }, true],
    [{ status: 400, code: 20009 }, true],
    [{ status: 400, code: 20001 }, false],
    [{ status: 422, code: 422 }, false],
    [{ status: 401, code: 401 }, false],
    [{ status: 200, code: 'invalid-response' as const }, false],
  ])('retryable for %j is %s', (fields, retryable) => {
    expect(new OpenObserveQueryError({ ...fields, serverMessage: 'm', sql: SQL }).retryable).toBe(retryable);
  });
});
