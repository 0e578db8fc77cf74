// HTTPS against a local `https.createServer` with a self-signed certificate made by `openssl` for
// this run (for `localhost` and 127.0.0.1). Skipped only where no `openssl` binary exists.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransportRequest } from '../transport/transport.js';
import { createNodeHttpTransport } from './create-node-http-transport.js';

function makeCertificate(): { key: Buffer; cert: Buffer } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'shoptel-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2'],
        ...['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const credentials = makeCertificate();
const handshakes: Array<{ servername: string | false; alpn: string | false | null; resumed: boolean }> = [];
let server: https.Server;
let port: number;

beforeAll(async () => {
  if (!credentials) return;
  server = https.createServer({ ...credentials, ALPNProtocols: ['http/1.1'] }, (req, res) => {
    req.resume().on('end', () => res.end(JSON.stringify({ path: req.url })));
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    handshakes.push({
      servername: (socket as TLSSocket & { servername: string | false }).servername,
      alpn: socket.alpnProtocol,
      resumed: socket.isSessionReused(),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  if (!credentials) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (url: string): TransportRequest => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '[{"a":1}]',
  timeoutMs: 10_000,
});

describe.skipIf(credentials === undefined)('the node transport over TLS', () => {
  it('names the host by SNI, asks for http/1.1 by ALPN, keeps the socket, and resumes a later session', async () => {
    handshakes.length = 0;
    const transport = createNodeHttpTransport({ tls: { ca: credentials!.cert } });
    const url = `https://localhost:${port}/api/default/s/_json?q=1`;
    expect(await transport.send(post(url))).toMatchObject({
      status: 200,
      body: '{"path":"/api/default/s/_json?q=1"}',
    });
    expect((await transport.send(post(url))).status).toBe(200);
    expect(handshakes).toEqual([{ servername: 'localhost', alpn: 'http/1.1', resumed: false }]);

    // The server drops the idle socket; the next connection resumes the session instead of a full handshake.
    server.closeIdleConnections();
    expect((await transport.send(post(url))).status).toBe(200);
    expect(handshakes.length).toBe(2);
    expect(handshakes[1]).toMatchObject({ servername: 'localhost', resumed: true });
    transport.close();
  });

  it('speaks TLS to an uppercase HTTPS:// URL with an IP address, sending no SNI', async () => {
    handshakes.length = 0;
    const transport = createNodeHttpTransport({ tls: { ca: credentials!.cert } });
    expect((await transport.send(post(`HTTPS://127.0.0.1:${port}/x`))).status).toBe(200);
    expect(handshakes).toEqual([{ servername: false, alpn: 'http/1.1', resumed: false }]);
    transport.close();
  });

  it('refuses a certificate no trusted CA signed, as a network error', async () => {
    const transport = createNodeHttpTransport();
    await expect(transport.send(post(`https://localhost:${port}/x`))).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringContaining('self-signed certificate'),
    });
    transport.close();
  });
});
