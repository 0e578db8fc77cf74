// The analytics questions asked the seed's way (LogAnalyticsService, design sketch §1.3): one
// query per step, the rows pulled into Node and counted there. Made correct so the bench compares
// like with like (quoted streams, a time range, the sql tag, every row fetched in one response
// with an explicit `size`, which is the cheapest way to pull them: paging would add requests).
import { sql } from '@shoptel/core';

const PULL_ALL = 10_000_000;

/** @param {import('@shoptel/core').SearchClient} client */
export function createSeedWay(client, streams) {
  const ub = sql.id(streams.userBehavior);
  const be = sql.id(streams.businessEvents);
  const pull = async (query, range) =>
    (await client.search({ sql: query, start: range.start, end: range.end, size: PULL_ALL })).hits;
  const countBy = (rows, key) => {
    const map = new Map();
    for (const row of rows) map.set(key(row), (map.get(key(row)) ?? 0) + 1);
    return map;
  };
  const byCountThen = (a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

  return {
    async getLogStats(range) {
      const rows = await pull(sql`SELECT level, category, user_id FROM ${be}`, range);
      const groups = new Map();
      for (const r of rows) {
        const key = `${r.level}\u0000${r.category}`;
        const g = groups.get(key) ?? {
          level: r.level ?? null,
          category: r.category ?? null,
          count: 0,
          users: new Set(),
        };
        g.count += 1;
        if (r.user_id !== undefined) g.users.add(r.user_id);
        groups.set(key, g);
      }
      return [...groups.entries()]
        .map(([key, g]) => ({
          key,
          level: g.level,
          category: g.category,
          count: g.count,
          uniqueUsers: g.users.size,
        }))
        .sort(byCountThen)
        .map(({ key, ...row }) => row);
    },
    async getUserBehaviorAnalytics(range) {
      const rows = await pull(sql`SELECT event_type, session_id, user_id FROM ${ub}`, range);
      const groups = new Map();
      for (const r of rows) {
        const g = groups.get(r.event_type) ?? { count: 0, sessions: new Set(), users: new Set() };
        g.count += 1;
        if (r.session_id !== undefined) g.sessions.add(r.session_id);
        if (r.user_id !== undefined) g.users.add(r.user_id);
        groups.set(r.event_type, g);
      }
      return [...groups.entries()]
        .map(([key, g]) => ({
          key,
          eventType: key,
          count: g.count,
          uniqueSessions: g.sessions.size,
          uniqueUsers: g.users.size,
        }))
        .sort(byCountThen)
        .map(({ key, ...row }) => row);
    },
    async getConversionFunnel(range) {
      const steps = ['PRODUCT_VIEW', 'CART_ADD', 'CHECKOUT', 'PURCHASE'];
      let sessions;
      const counts = [];
      for (const step of steps) {
        const rows = await pull(sql`SELECT session_id FROM ${ub} WHERE event_type = ${step}`, range);
        const here = new Set(rows.map((r) => r.session_id).filter((s) => s !== undefined));
        sessions = sessions === undefined ? here : new Set([...sessions].filter((s) => here.has(s)));
        counts.push(sessions.size);
      }
      const purchases = await pull(
        sql`SELECT currency, total_amount FROM ${ub} WHERE event_type = 'PURCHASE' AND total_amount IS NOT NULL`,
        range,
      );
      const revenue = new Map();
      for (const p of purchases) {
        const e = revenue.get(p.currency ?? null) ?? { orders: 0, revenue: 0 };
        e.orders += 1;
        e.revenue += p.total_amount;
        revenue.set(p.currency ?? null, e);
      }
      return { counts, revenue: [...revenue.entries()].sort((a, b) => b[1].revenue - a[1].revenue) };
    },
    async getTopProducts(range, by, limit) {
      if (by === 'purchases') {
        const buyers = new Set(
          (await pull(sql`SELECT session_id FROM ${ub} WHERE event_type = 'PURCHASE'`, range)).map(
            (r) => r.session_id,
          ),
        );
        const adds = await pull(
          sql`SELECT product_id, session_id FROM ${ub} WHERE event_type = 'CART_ADD'`,
          range,
        );
        const sessions = new Map();
        for (const r of adds) {
          if (!buyers.has(r.session_id) || r.product_id === undefined) continue;
          const set = sessions.get(r.product_id) ?? new Set();
          set.add(r.session_id);
          sessions.set(r.product_id, set);
        }
        return [...sessions.entries()]
          .map(([key, set]) => ({ key, count: set.size }))
          .sort(byCountThen)
          .slice(0, limit)
          .map((r) => ({ productId: r.key, count: r.count }));
      }
      const type = by === 'views' ? 'PRODUCT_VIEW' : 'CART_ADD';
      const rows = await pull(sql`SELECT product_id FROM ${ub} WHERE event_type = ${type}`, range);
      return [
        ...countBy(
          rows.filter((r) => r.product_id !== undefined),
          (r) => r.product_id,
        ).entries(),
      ]
        .map(([key, count]) => ({ key, count }))
        .sort(byCountThen)
        .slice(0, limit)
        .map((r) => ({ productId: r.key, count: r.count }));
    },
    async getOrderProcessing(range) {
      const rows = await pull(
        sql`SELECT order_id, action, _timestamp FROM ${be} WHERE category = 'ORDER' AND order_id IS NOT NULL`,
        range,
      );
      const orders = new Map();
      for (const r of rows) {
        const o = orders.get(r.order_id) ?? {};
        if (r.action === 'created') o.created = Math.min(o.created ?? r._timestamp, r._timestamp);
        if (r.action === 'completed') o.completed = Math.min(o.completed ?? r._timestamp, r._timestamp);
        if (r.action === 'cancelled') o.cancelled = true;
        orders.set(r.order_id, o);
      }
      const all = [...orders.values()];
      const durations = all
        .filter((o) => o.created !== undefined && o.completed !== undefined && o.completed >= o.created)
        .map((o) => (o.completed - o.created) / 1000)
        .sort((a, b) => a - b);
      const rank = (p) =>
        durations.length === 0 ? null : durations[Math.max(1, Math.ceil(p * durations.length)) - 1];
      return {
        received: all.filter((o) => o.created !== undefined).length,
        processed: all.filter((o) => o.completed !== undefined).length,
        cancelled: all.filter((o) => o.cancelled).length,
        timedOrders: durations.length,
        p50Ms: rank(0.5),
        p95Ms: rank(0.95),
        p99Ms: rank(0.99),
      };
    },
    async detectAnomalousPatterns(range, previous, minShare) {
      const rate = async (r) => {
        const total = (
          await client.search({ sql: sql`SELECT count(*) AS n FROM ${be}`, start: r.start, end: r.end })
        ).hits[0].n;
        const errors = await pull(sql`SELECT category, action FROM ${be} WHERE level = 'ERROR'`, r);
        return { total, errors };
      };
      const current = await rate(range);
      const before = await rate(previous);
      const groups = countBy(current.errors, (e) => `${e.category}\u0000${e.action}`);
      const anomalies = [...groups.entries()]
        .map(([key, count]) => ({ key, count }))
        .filter((g) => g.count / current.total > minShare)
        .sort(byCountThen)
        .map(({ key, count }) => {
          const [category, action] = key.split('\u0000');
          return { category, action, count };
        });
      return {
        anomalies,
        errors: current.errors.length,
        events: current.total,
        previousErrors: before.errors.length,
        previousEvents: before.total,
      };
    },
  };
}
