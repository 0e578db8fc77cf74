import { HttpError } from './http-error.js';

/**
 * Checks an org id from a path segment or the `organization` header. The id goes into table
 * names (escaped, see `tableNameFor`) as the part before the first `/`, so it cannot hold one.
 */
export function checkOrg(org: string): string {
  if (org === '' || org.includes('/')) throw new HttpError(400, `Error# invalid organization: ${org}`);
  return org;
}
