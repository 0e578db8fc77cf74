import { describe, expect, it } from 'vitest';
import { inferPeerService } from './infer-peer-service.js';

// Cases from the tests of OpenObserve's `derive_inferred_service` (src/core/src/traces/inferred.rs).
const derive = (kind: number, attributes: Record<string, string>) =>
  inferPeerService(kind, (key) => attributes[key]);

describe('inferPeerService', () => {
  it.each([
    [
      { 'db.system': 'postgresql', 'db.name': 'orders', 'net.peer.name': 'pg' },
      'orders',
      'database',
      'postgresql',
    ],
    [
      { 'db.system': 'redis', 'net.peer.name': 'redis-master.prod:6379' },
      'redis-master.prod',
      'database',
      'redis',
    ],
    [{ 'db.system': 'mysql', 'net.peer.name': '10.0.0.5:3306' }, 'mysql', 'database', 'mysql'],
    [{ 'db.system': 'postgresql', 'db.name': '  ' }, 'postgresql', 'database', 'postgresql'],
    [
      { 'peer.service': 'payments-db', 'db.system': 'postgresql', 'db.name': 'x' },
      'payments-db',
      'database',
      'postgresql',
    ],
    [{ 'rpc.system': 'grpc', 'rpc.service': 'com.foo.Bar' }, 'com.foo.Bar', 'rpc', 'grpc'],
    [
      { 'server.address': 'api.stripe.com', 'http.request.method': 'POST' },
      'api.stripe.com',
      'external',
      'http',
    ],
    [{ 'http.url': 'https://api.github.com/repos?page=2' }, 'api.github.com', 'external', 'http'],
    [{ 'net.peer.name': 'thrift.internal' }, 'thrift.internal', 'external', undefined],
    [{ db_system: 'postgresql', db_name: 'orders' }, 'orders', 'database', 'postgresql'],
  ])('names %j', (attributes, name, type, system) => {
    expect(derive(3, attributes)).toEqual({ name, type, system });
  });

  it('names a producer’s queue and skips other kinds, IPs and plain calls', () => {
    expect(derive(4, { 'messaging.system': 'kafka', 'messaging.destination.name': 'checkout' })).toEqual({
      name: 'checkout',
      type: 'queue',
      system: 'kafka',
    });
    for (const kind of [0, 1, 2, 5]) expect(derive(kind, { 'db.system': 'postgresql' })).toBeUndefined();
    expect(derive(3, { 'net.peer.name': '10.0.0.5' })).toBeUndefined();
    expect(derive(3, { 'http.host': '[2001:db8::1]:8080' })).toBeUndefined();
    expect(derive(3, { 'http.method': 'GET' })).toBeUndefined();
  });
});
