import { ShoptelConfigError } from '@shoptel/core';

const INGEST_URL = /^(https?:\/\/.+?)\/api\/([^/]+)\/([^/]+)\/_(?:json|multi)\/?$/;

/**
 * Reads the seed's `endpoint` (`${url}/api/${org}/business-events/_json`) as base URL,
 * organization and stream. Throws `ShoptelConfigError` on `endpoint` for anything else.
 */
export function parseIngestEndpoint(endpoint: string): { url: string; organization: string; stream: string } {
  const match = INGEST_URL.exec(endpoint.trim());
  if (match === null) {
    throw new ShoptelConfigError([
      {
        field: 'endpoint',
        message: `expected an ingest URL like http://localhost:5080/api/default/business_events/_json; got '${endpoint}'`,
      },
    ]);
  }
  const [, url, organization, stream] = match as unknown as [string, string, string, string];
  return { url, organization: decodeURIComponent(organization), stream: decodeURIComponent(stream) };
}
