/** One HTTP/1.x answer read off a socket. */
export interface Http1Response {
  status: number;
  /** Lowercase names; a repeated header's values joined with `, `. */
  headers: Record<string, string>;
  /** The body decoded as UTF-8. */
  body: string;
  /**
   * Whether the socket may carry another request: the server did not ask to close it, the body
   * had its own framing (not "until close"), and no stray bytes followed the answer.
   */
  keepAlive: boolean;
}

/** Reads the answers of one connection, one after another, from chunks cut anywhere. */
export interface Http1ResponseParser {
  /** Takes the next bytes; returns the answer once it is complete. Throws on a malformed answer. */
  push(chunk: Buffer): Http1Response | undefined;
  /** The server closed the connection: returns the answer if its body ran until the close. */
  end(): Http1Response | undefined;
}

type Phase = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'close';

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** Status line and headers of one answer (Node's own limit is 16 KiB). */
const MAX_HEAD_BYTES = 64 * 1024;
/** A chunk-size line with its extensions, and a trailer line. */
const MAX_LINE_BYTES = 16 * 1024;
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: [^\r\n]*)?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\0\r\n]/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;[^\r\n]*)?$/;
const CONTENT_LENGTH = /^\d{1,15}$/;

/** `line` from `from` on, without the spaces and tabs around a header value. */
function trimOws(line: string, from: number): string {
  let start = from;
  let end = line.length;
  while (start < end && (line.charCodeAt(start) === 0x20 || line.charCodeAt(start) === 0x09)) start++;
  while (end > start && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--;
  return line.slice(start, end);
}

/** An answer the parser cannot read; the connection must not be used again. */
function malformed(reason: string): Error {
  return new Error(`malformed HTTP answer: ${reason}`);
}

/**
 * An incremental HTTP/1.0–1.1 response parser (RFC 9112): 1xx interim answers skipped, the body
 * framed by Content-Length, by chunked transfer coding (extensions and trailers read past), or by
 * the connection's close. Everything else the connection needs is in {@link Http1Response}.
 */
export function createHttp1ResponseParser(): Http1ResponseParser {
  let phase: Phase = 'head';
  /** Bytes of an unfinished head or line, kept until the rest arrives. */
  let pending: Buffer | undefined;
  let status = 0;
  let headers: Record<string, string> = {};
  let keepAlive = true;
  /** Body bytes still to come in the current Content-Length body or chunk. */
  let remaining = 0;
  let parts: Buffer[] = [];
  let bodyBytes = 0;
  let trailerBytes = 0;

  const take = (data: Buffer, from: number, to: number) => {
    parts.push(from === 0 && to === data.length ? data : data.subarray(from, to));
    bodyBytes += to - from;
  };

  const complete = (stray: boolean): Http1Response => {
    const body =
      parts.length === 0
        ? ''
        : parts.length === 1
          ? parts[0]!.toString()
          : Buffer.concat(parts, bodyBytes).toString();
    const response = { status, headers, body, keepAlive: keepAlive && !stray };
    phase = 'head';
    headers = {};
    parts = [];
    bodyBytes = 0;
    trailerBytes = 0;
    return response;
  };

  /** Reads a status line and headers; returns false for a 1xx interim answer. */
  const readHead = (text: string): boolean => {
    const lines = text.split('\r\n');
    const match = STATUS_LINE.exec(lines[0]!);
    if (match === null) throw malformed('bad status line');
    status = Number(match[2]);
    headers = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon <= 0) throw malformed('bad header line');
      const name = line.slice(0, colon);
      if (!TOKEN.test(name)) throw malformed('bad header name');
      const value = trimOws(line, colon + 1);
      if (BAD_VALUE.test(value)) throw malformed('bad header value');
      const key = name.toLowerCase();
      if (key === '__proto__') continue;
      const previous = headers[key];
      headers[key] = previous === undefined ? value : `${previous}, ${value}`;
    }
    if (status < 200) {
      if (status === 101) throw malformed('101 Switching Protocols without an upgrade asked for');
      return false;
    }
    const connection = (headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((token) => token.trim());
    keepAlive = connection.includes('close') ? false : match[1] === '1' || connection.includes('keep-alive');
    const transferEncoding = headers['transfer-encoding'];
    const contentLength = headers['content-length'];
    if (status === 204 || status === 304) {
      phase = 'length';
      remaining = 0;
    } else if (transferEncoding !== undefined) {
      if (contentLength !== undefined) throw malformed('both Transfer-Encoding and Content-Length');
      const codings = transferEncoding.toLowerCase().split(',');
      if (codings[codings.length - 1]!.trim() === 'chunked') phase = 'chunk-size';
      else phase = 'close';
    } else if (contentLength !== undefined) {
      // Repeated identical values (`5, 5`) are allowed; differing ones would make the framing a guess.
      const values = new Set(contentLength.split(',').map((value) => value.trim()));
      const [only] = values;
      if (values.size !== 1 || !CONTENT_LENGTH.test(only!)) throw malformed('bad Content-Length');
      phase = 'length';
      remaining = Number(only);
    } else phase = 'close';
    if (phase === 'close') keepAlive = false;
    return true;
  };

  /** The end of the line starting at `at`, or -1 (the rest kept) when it has not all arrived. */
  const lineEnd = (data: Buffer, at: number, limit: number, what: string) => {
    const end = data.indexOf(CRLF, at);
    if (end === -1 ? data.length - at > limit : end - at > limit) throw malformed(`${what} too long`);
    if (end === -1) pending = data.subarray(at);
    return end;
  };

  const push = (chunk: Buffer): Http1Response | undefined => {
    const data = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
    pending = undefined;
    let at = 0;
    for (;;) {
      if (phase === 'head') {
        const end = data.indexOf(HEAD_END, at);
        if (end === -1 ? data.length - at > MAX_HEAD_BYTES : end - at > MAX_HEAD_BYTES)
          throw malformed('head larger than 64 KiB');
        if (end === -1) {
          if (at < data.length) pending = data.subarray(at);
          return undefined;
        }
        const final = readHead(data.toString('latin1', at, end));
        at = end + 4;
        if (!final) continue;
      } else if (phase === 'length' || phase === 'chunk-data') {
        const available = data.length - at;
        if (available < remaining) {
          if (available > 0) take(data, at, data.length);
          remaining -= available;
          return undefined;
        }
        if (remaining > 0) take(data, at, at + remaining);
        at += remaining;
        remaining = 0;
        if (phase === 'length') return complete(at < data.length);
        phase = 'chunk-end';
      } else if (phase === 'chunk-size') {
        const end = lineEnd(data, at, MAX_LINE_BYTES, 'chunk size line');
        if (end === -1) return undefined;
        const match = CHUNK_SIZE.exec(data.toString('latin1', at, end));
        if (match === null) throw malformed('bad chunk size');
        at = end + 2;
        remaining = Number.parseInt(match[1]!, 16);
        phase = remaining === 0 ? 'trailers' : 'chunk-data';
      } else if (phase === 'chunk-end') {
        if (data.length - at < 2) {
          if (at < data.length) pending = data.subarray(at);
          return undefined;
        }
        if (data[at] !== 0x0d || data[at + 1] !== 0x0a) throw malformed('chunk not followed by CRLF');
        at += 2;
        phase = 'chunk-size';
      } else if (phase === 'trailers') {
        const end = lineEnd(data, at, MAX_LINE_BYTES, 'trailer line');
        if (end === -1) return undefined;
        if (end === at) return complete(end + 2 < data.length);
        trailerBytes += end + 2 - at;
        if (trailerBytes > MAX_HEAD_BYTES) throw malformed('trailers larger than 64 KiB');
        at = end + 2;
      } else {
        if (at < data.length) take(data, at, data.length);
        return undefined;
      }
    }
  };

  return {
    push,
    end: () => (phase === 'close' ? complete(false) : undefined),
  };
}
