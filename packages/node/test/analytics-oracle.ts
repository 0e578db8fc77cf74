// The analytics questions answered in plain JavaScript over the generated records: an independent
// reference for what the SQL must return. Written from the definitions in the analytics JSDoc, not
// from the SQL, so a wrong query and a wrong oracle would have to be wrong the same way.
type Row = Record<string, unknown>;

const inRange = (rows: readonly Row[], startMs: number, endMs: number) =>
  rows.filter((r) => (r._timestamp as number) >= startMs * 1000 && (r._timestamp as number) < endMs * 1000);
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const byCountThen =
  <T extends { count: number }>(key: (x: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export function expectedFunnel(behavior: readonly Row[], startMs: number, endMs: number) {
  const steps = ['PRODUCT_VIEW', 'CART_ADD', 'CHECKOUT', 'PURCHASE'];
  const done = new Map<string, Set<string>>();
  for (const r of inRange(behavior, startMs, endMs)) {
    if (r.session_id === undefined || !steps.includes(r.event_type as string)) continue;
    const set = done.get(r.session_id as string) ?? new Set<string>();
    set.add(r.event_type as string);
    done.set(r.session_id as string, set);
  }
  const counts = steps.map(
    (_, i) => [...done.values()].filter((set) => steps.slice(0, i + 1).every((s) => set.has(s))).length,
  );
  const revenue = new Map<string, { orders: number; revenue: number }>();
  for (const r of inRange(behavior, startMs, endMs)) {
    if (r.event_type !== 'PURCHASE' || typeof r.total_amount !== 'number') continue;
    const entry = revenue.get(r.currency as string) ?? { orders: 0, revenue: 0 };
    entry.orders += 1;
    entry.revenue += r.total_amount;
    revenue.set(r.currency as string, entry);
  }
  return {
    sessions: counts,
    rates: counts.map((c, i) => (i === 0 ? rate(c, c) : rate(c, counts[i - 1]!))),
    overallRate: rate(counts[3]!, counts[0]!),
    revenue: [...revenue]
      .map(([currency, e]) => ({
        currency,
        orders: e.orders,
        revenue: e.revenue,
        averageOrderValue: rate(e.revenue, e.orders),
      }))
      .sort((a, b) => b.revenue - a.revenue || a.currency.localeCompare(b.currency)),
  };
}

export function expectedTopProducts(
  behavior: readonly Row[],
  startMs: number,
  endMs: number,
  by: string,
  limit: number,
) {
  const rows = inRange(behavior, startMs, endMs);
  const counts = new Map<string, Set<string> | number>();
  if (by === 'purchases') {
    const buyers = new Set(
      rows.filter((r) => r.event_type === 'PURCHASE').map((r) => r.session_id as string),
    );
    for (const r of rows) {
      if (r.event_type !== 'CART_ADD' || !buyers.has(r.session_id as string)) continue;
      const set = (counts.get(r.product_id as string) as Set<string>) ?? new Set<string>();
      set.add(r.session_id as string);
      counts.set(r.product_id as string, set);
    }
  } else {
    const type = by === 'views' ? 'PRODUCT_VIEW' : 'CART_ADD';
    for (const r of rows) {
      if (r.event_type === type)
        counts.set(r.product_id as string, ((counts.get(r.product_id as string) as number) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([productId, c]) => ({ productId, count: typeof c === 'number' ? c : c.size }))
    .sort(byCountThen((x) => x.productId))
    .slice(0, limit);
}

export function expectedBehavior(behavior: readonly Row[], startMs: number, endMs: number, userId?: string) {
  const groups = new Map<string, Row[]>();
  for (const r of inRange(behavior, startMs, endMs)) {
    if (userId !== undefined && r.user_id !== userId) continue;
    groups.set(r.event_type as string, [...(groups.get(r.event_type as string) ?? []), r]);
  }
  const distinct = (rows: Row[], field: string) =>
    new Set(rows.map((r) => r[field]).filter((v) => v !== undefined)).size;
  return [...groups]
    .map(([eventType, rows]) => ({
      eventType,
      count: rows.length,
      uniqueSessions: distinct(rows, 'session_id'),
      uniqueUsers: distinct(rows, 'user_id'),
    }))
    .sort(byCountThen((x) => x.eventType));
}

export function expectedLogStats(business: readonly Row[], startMs: number, endMs: number) {
  const groups = new Map<string, Row[]>();
  for (const r of inRange(business, startMs, endMs)) {
    const key = `${r.level}\u0000${r.category}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups]
    .map(([key, rows]) => {
      const [level, category] = key.split('\u0000') as [string, string];
      return {
        level,
        category,
        count: rows.length,
        uniqueUsers: new Set(rows.map((r) => r.user_id).filter(Boolean)).size,
      };
    })
    .sort(byCountThen((x) => `${x.level}\u0000${x.category}`));
}

export function expectedOrders(business: readonly Row[], startMs: number, endMs: number) {
  const orders = new Map<string, { created?: number; completed?: number; cancelled?: boolean }>();
  for (const r of inRange(business, startMs, endMs)) {
    if (r.category !== 'ORDER' || r.order_id === undefined) continue;
    const o = orders.get(r.order_id as string) ?? {};
    const t = r._timestamp as number;
    if (r.action === 'created') o.created = Math.min(o.created ?? t, t);
    if (r.action === 'completed') o.completed = Math.min(o.completed ?? t, t);
    if (r.action === 'cancelled') o.cancelled = true;
    orders.set(r.order_id as string, o);
  }
  const all = [...orders.values()];
  const durations = all
    .filter((o) => o.created !== undefined && o.completed !== undefined && o.completed >= o.created)
    .map((o) => (o.completed! - o.created!) / 1000)
    .sort((a, b) => a - b);
  const nearestRank = (p: number) =>
    durations.length === 0 ? null : durations[Math.max(1, Math.ceil(p * durations.length)) - 1]!;
  return {
    received: all.filter((o) => o.created !== undefined).length,
    processed: all.filter((o) => o.completed !== undefined).length,
    cancelled: all.filter((o) => o.cancelled).length,
    timedOrders: durations.length,
    averageMs: durations.length === 0 ? null : durations.reduce((a, b) => a + b, 0) / durations.length,
    p50Ms: nearestRank(0.5),
    p95Ms: nearestRank(0.95),
    p99Ms: nearestRank(0.99),
  };
}

export function expectedAnomalies(
  business: readonly Row[],
  startMs: number,
  endMs: number,
  minShare: number,
) {
  const rows = inRange(business, startMs, endMs);
  const errors = rows.filter((r) => r.level === 'ERROR');
  const groups = new Map<string, number>();
  for (const r of errors)
    groups.set(`${r.category}\u0000${r.action}`, (groups.get(`${r.category}\u0000${r.action}`) ?? 0) + 1);
  return {
    events: rows.length,
    errors: errors.length,
    anomalies: [...groups]
      .map(([key, count]) => {
        const [category, action] = key.split('\u0000') as [string, string];
        return { category, action, count, share: count / rows.length };
      })
      .filter((a) => a.count > minShare * rows.length)
      .sort(byCountThen((x) => `${x.category}\u0000${x.action}`)),
  };
}
