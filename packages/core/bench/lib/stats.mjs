export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
export const min = (values) => Math.min(...values);
export const max = (values) => Math.max(...values);
/** Rotates an array left by k (order of subjects in repetition k). */
export const rotate = (items, k) => items.map((_, i) => items[(i + k) % items.length]);
export const cpuUs = (since) => {
  const d = process.cpuUsage(since);
  return d.user + d.system;
};
