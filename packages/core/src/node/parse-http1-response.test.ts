import { describe, expect, it } from 'vitest';
import { createHttp1ResponseParser, type Http1Response } from './parse-http1-response.js';

/** Feeds `text` cut into pieces of `size` bytes; returns every answer completed, and what `end()` gave. */
function parse(text: string | Buffer, size = Number.POSITIVE_INFINITY, close = false) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const parser = createHttp1ResponseParser();
  const answers: Http1Response[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    const answer = parser.push(bytes.subarray(at, Math.min(bytes.length, at + size)));
    if (answer) answers.push(answer);
  }
  if (close) {
    const answer = parser.end();
    if (answer) answers.push(answer);
  }
  return answers;
}

const chunked =
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '5;name=value;flag\r\n{"a":\r\n' +
  '3 ; ext="quoted"\r\n1,"\r\n' +
  'B\r\nb":"héé"}\r\n' +
  '0\r\nX-Checksum: abc\r\n\r\n';

describe('the HTTP/1 response parser', () => {
  it.each([Number.POSITIVE_INFINITY, 7, 1])(
    'reads a chunked body with extensions and trailers, in pieces of %s bytes',
    (size) => {
      const [answer, ...more] = parse(chunked, size);
      expect(more).toEqual([]);
      expect(answer).toEqual({
        status: 200,
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body: '{"a":1,"b":"héé"}',
        keepAlive: true,
      });
    },
  );

  it.each([Number.POSITIVE_INFINITY, 1])(
    'reads a Content-Length body and UTF-8 split across pieces of %s bytes',
    (size) => {
      const body = Buffer.from('{"city":"Zürich ✓"}');
      const head = `HTTP/1.1 201 Created\r\nContent-Length: ${body.length}\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\n`;
      expect(parse(Buffer.concat([Buffer.from(head), body]), size)).toEqual([
        {
          status: 201,
          headers: { 'content-length': String(body.length), 'set-cookie': 'a=1, b=2' },
          body: body.toString(),
          keepAlive: true,
        },
      ]);
    },
  );

  it('reads the answers of one socket one after another, nothing of one left in the next', () => {
    const parser = createHttp1ResponseParser();
    const first = Buffer.from(
      'HTTP/1.1 500 Oops\r\nX-A: 1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\none\r\n0\r\n\r\n',
    );
    expect(parser.push(first.subarray(0, 40))).toBeUndefined();
    expect(parser.push(first.subarray(40))).toMatchObject({ status: 500, body: 'one', keepAlive: true });
    expect(parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo'))).toEqual({
      status: 200,
      headers: { 'content-length': '3' },
      body: 'two',
      keepAlive: true,
    });
  });

  it.each([Number.POSITIVE_INFINITY, 1])(
    'skips 100 Continue and 103 Early Hints, in pieces of %s bytes',
    (size) => {
      const text =
        'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n' +
        'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
      expect(parse(text, size)).toEqual([
        { status: 200, headers: { 'content-length': '2' }, body: 'ok', keepAlive: true },
      ]);
    },
  );

  it('reads a body without framing until the connection closes, and never reuses that socket', () => {
    const text = 'HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<h1>502</h1>';
    expect(parse(text, 4)).toEqual([]);
    expect(parse(text, 4, true)).toEqual([
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>502</h1>', keepAlive: false },
    ]);
  });

  it('says whether the socket may be reused', () => {
    const keepAlive = (head: string) => parse(`${head}\r\nContent-Length: 0\r\n\r\n`)[0]?.keepAlive;
    expect(keepAlive('HTTP/1.1 200 OK\r\nConnection: keep-alive')).toBe(true);
    expect(keepAlive('HTTP/1.1 200 OK\r\nConnection: Close')).toBe(false);
    expect(keepAlive('HTTP/1.0 200 OK')).toBe(false);
    expect(keepAlive('HTTP/1.0 200 OK\r\nConnection: Keep-Alive')).toBe(true);
    // Bytes after a complete answer that no request asked for: the stream can no longer be trusted.
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1')[0]?.keepAlive).toBe(false);
  });

  it('gives 204 and 304 no body, and takes a status line without a reason phrase', () => {
    expect(parse('HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n')).toMatchObject([
      { status: 204, body: '' },
    ]);
    expect(parse('HTTP/1.1 304\r\n\r\n')).toMatchObject([{ status: 304, body: '' }]);
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok')).toMatchObject([{ body: 'ok' }]);
  });

  it.each([
    ['a status line that is not HTTP/1.x', 'HTTP/2 200\r\n\r\n'],
    ['a status of two digits', 'HTTP/1.1 20 OK\r\n\r\n'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nbroken\r\n\r\n'],
    ['a folded header line', 'HTTP/1.1 200 OK\r\nA: b\r\n c\r\n\r\n'],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\nx'],
    ['differing Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    [
      'both Content-Length and chunked',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
    ],
    ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['a chunk not followed by CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n'],
    ['an unasked-for protocol switch', 'HTTP/1.1 101 Switching Protocols\r\n\r\n'],
    ['a head past 64 KiB', `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`],
  ])('refuses %s', (_, text) => {
    expect(() => parse(text)).toThrow(/^malformed HTTP answer/);
  });
});
