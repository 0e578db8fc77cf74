import { isIP } from 'node:net';

/** What OpenObserve writes as `infer_service_name`, `infer_service_type`, `infer_service_system`. */
export interface InferredService {
  name: string;
  type: 'database' | 'queue' | 'rpc' | 'external';
  system: string | undefined;
}

const SPAN_KIND_CLIENT = 3;
const SPAN_KIND_PRODUCER = 4;

/**
 * The uninstrumented dependency a CLIENT or PRODUCER span waited on (a database, queue, RPC
 * service or external host), from its attributes, as OpenObserve's `derive_inferred_service`
 * (`src/core/src/traces/inferred.rs`) names it: `peer.service` first, then the database,
 * destination or RPC service, then the peer host without its port (bare IPs never name a
 * service), then the system. `attribute` answers a span attribute's text, by dotted name.
 */
export function inferPeerService(
  spanKind: number,
  attribute: (key: string) => string | undefined,
): InferredService | undefined {
  if (spanKind !== SPAN_KIND_CLIENT && spanKind !== SPAN_KIND_PRODUCER) return undefined;
  const attr = (key: string) => {
    const value = (attribute(key) ?? attribute(key.replaceAll('.', '_')))?.trim();
    return value === '' ? undefined : value;
  };
  const hostAttr = (key: string) => {
    const host = attr(key) && stripPort(attr(key)!);
    return host && isIP(host) === 0 ? host : undefined;
  };
  const fallbackHost = () =>
    hostAttr('server.address') ?? hostAttr('net.peer.name') ?? hostAttr('http.host') ?? urlHost();
  const urlHost = () => {
    const url = attr('url.full') ?? attr('http.url');
    if (!url) return undefined;
    try {
      const host = new URL(url).hostname;
      return host === '' || host.startsWith('[') || isIP(host) !== 0 ? undefined : host;
    } catch {
      return undefined;
    }
  };
  const peerService = attr('peer.service');

  const dbSystem = attr('db.system.name') ?? attr('db.system');
  const dbName = attr('db.namespace') ?? attr('db.name');
  if (dbSystem || dbName)
    return named(peerService ?? dbName ?? fallbackHost() ?? dbSystem, 'database', dbSystem);

  const messaging = attr('messaging.system');
  const destination = attr('messaging.destination.name') ?? attr('messaging.destination');
  if (messaging || destination)
    return named(peerService ?? destination ?? fallbackHost() ?? messaging, 'queue', messaging);

  const rpcSystem = attr('rpc.system');
  const rpcService = attr('rpc.service');
  if (rpcSystem || rpcService)
    return named(peerService ?? rpcService ?? fallbackHost() ?? rpcSystem, 'rpc', rpcSystem);

  const isHttp = Boolean(
    attr('http.request.method') ?? attr('http.method') ?? attr('url.full') ?? attr('http.url'),
  );
  return named(peerService ?? fallbackHost(), 'external', isHttp ? 'http' : undefined);
}

function named(
  name: string | undefined,
  type: InferredService['type'],
  system: string | undefined,
): InferredService | undefined {
  return name === undefined ? undefined : { name, type, system };
}

/** `host:8080` → `host`, `[::1]:6379` → `::1`; a bare IPv6 address is left alone. */
function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end !== -1) return host.slice(1, end);
  }
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && !host.slice(0, colon).includes(':') && /^\d+$/.test(host.slice(colon + 1))) {
    return host.slice(0, colon);
  }
  return host;
}
