import { createHash } from 'node:crypto';

/** Stable identity of a label set: the same labels in any order give the same fingerprint. */
export function alertFingerprint(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((key) => [key, labels[key]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}
