import { OpenObserveQueryError } from '@shoptel/core';
import type {
  AnomalyReport,
  ConversionFunnel,
  LogStatsRow,
  OrderProcessing,
  TopProductRow,
} from '../../analytics/analytics-types.js';
import { createAnalytics } from '../../analytics/create-analytics.js';
import { configFromEnv } from '../../config/config-from-env.js';
import { type CliCommand, CliUsageError } from '../cli-command.js';
import { formatPercent, formatTable } from '../format-table.js';
import { parseDuration } from '../parse-duration.js';

const DEFAULT_SINCE = '24h';
const DEFAULT_TOP = 5;

/** A section the server could not answer: the rest of the report still prints. */
export interface UnavailableSection {
  unavailable: string;
}

/** Everything `shoptel report` gathers when the server answers every section. */
export interface FullShopReport {
  range: { start: string; end: string };
  funnel: ConversionFunnel;
  topProducts: { views: TopProductRow[]; cartAdds: TopProductRow[]; purchases: TopProductRow[] };
  logStats: LogStatsRow[];
  orders: OrderProcessing;
  anomalies: AnomalyReport;
}

/** What `shoptel report` gathers, each section or why it is missing; `--json` prints it as it is. */
export type ShopReport = {
  [K in keyof FullShopReport]: K extends 'range' ? FullShopReport[K] : FullShopReport[K] | UnavailableSection;
};

const SECTIONS = 5;
const isUnavailable = (part: object): part is UnavailableSection => 'unavailable' in part;

/**
 * Runs one section's queries. A query the server refuses for this section's data (a column of
 * another type than the report expects, say) leaves the section unavailable with the server's
 * message, kept in `refused`; a server that cannot be reached or refuses the credentials fails the
 * whole report.
 */
async function section<T>(
  refused: OpenObserveQueryError[],
  gather: () => Promise<T>,
): Promise<T | UnavailableSection> {
  try {
    return await gather();
  } catch (error) {
    const serverUnusable =
      !(error instanceof OpenObserveQueryError) ||
      error.status === undefined ||
      error.status === 401 ||
      error.status === 403;
    if (serverUnusable) throw error;
    refused.push(error);
    return { unavailable: error.message };
  }
}

interface ReportArgs {
  sinceMs: number;
  since: string;
  json: boolean;
  top: number;
  minShare: number;
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'funnel, top products, log stats, order processing and anomalies for a recent period',
  usage: `shoptel report [--since 24h] [--top 5] [--min-share 0.05] [--json]

  --since <duration>   the period up to now: 30m, 24h, 7d, 2w (default ${DEFAULT_SINCE})
  --top <n>            products per ranking, 1–100 (default ${DEFAULT_TOP})
  --min-share <0..1>   ERROR actions above this share of all events are anomalies (default 0.05)
  --json               one JSON object instead of tables

Connection and stream names come from OPENOBSERVE_URL, OPENOBSERVE_ORGANIZATION,
OPENOBSERVE_USERNAME/_PASSWORD (or OPENOBSERVE_TOKEN), OPENOBSERVE_STREAM_BUSINESS_EVENTS and
OPENOBSERVE_STREAM_USER_BEHAVIOR.`,

  async run(argv, io) {
    const args = parseReportArgs(argv);
    const config = configFromEnv(io.env);
    const analytics = createAnalytics(config, io.transport === undefined ? {} : { transport: io.transport });
    const end = new Date((io.now ?? Date.now)());
    const range = { start: new Date(end.getTime() - args.sinceMs), end };
    // One question at a time: each is one or a few server-side aggregations.
    const refused: OpenObserveQueryError[] = [];
    const report: ShopReport = {
      range: { start: range.start.toISOString(), end: range.end.toISOString() },
      funnel: await section(refused, () => analytics.getConversionFunnel(range)),
      topProducts: await section(refused, async () => ({
        views: await analytics.getTopProducts(range, { by: 'views', limit: args.top }),
        cartAdds: await analytics.getTopProducts(range, { by: 'cart_adds', limit: args.top }),
        purchases: await analytics.getTopProducts(range, { by: 'purchases', limit: args.top }),
      })),
      logStats: await section(refused, () => analytics.getLogStats(range)),
      orders: await section(refused, () => analytics.getOrderProcessing(range)),
      anomalies: await section(refused, () =>
        analytics.detectAnomalousPatterns(range, { minShare: args.minShare }),
      ),
    };
    // Every section refused: nothing to print but the reason (the first; they are usually one).
    if (refused.length === SECTIONS) throw refused[0];
    io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, args, config.url));
    if (refused.length === 0) return 0;
    io.stderr(`shoptel report: ${refused.length} of ${SECTIONS} sections are unavailable (see the report)\n`);
    return 1;
  },
};

function parseReportArgs(argv: readonly string[]): ReportArgs {
  const args: ReportArgs = {
    sinceMs: parseDuration(DEFAULT_SINCE, '--since'),
    since: DEFAULT_SINCE,
    json: false,
    top: DEFAULT_TOP,
    minShare: 0.05,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new CliUsageError(`${name} needs a value`);
      return next;
    };
    if (name === '--json') args.json = true;
    else if (name === '--since') {
      args.since = value();
      args.sinceMs = parseDuration(args.since, '--since');
    } else if (name === '--top') {
      const text = value();
      const top = Number(text);
      if (!/^\d+$/.test(text) || top < 1 || top > 100)
        throw new CliUsageError(`--top expects 1–100; got '${text}'`);
      args.top = top;
    } else if (name === '--min-share') {
      const text = value();
      const share = Number(text);
      if (!/^\d*\.?\d+$/.test(text) || share >= 1)
        throw new CliUsageError(`--min-share expects a number from 0 to below 1; got '${text}'`);
      args.minShare = share;
    } else throw new CliUsageError(`unknown option '${arg}'`);
  }
  return args;
}

function formatReport(report: ShopReport, args: ReportArgs, url: string): string {
  const { funnel, topProducts, logStats, orders, anomalies } = report;
  const ms = (value: number | null) =>
    value === null ? '–' : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
  /** A section's title and its tables, or the server's reason when it could not be answered. */
  const part = <T extends object>(title: string, value: T | UnavailableSection, render: (v: T) => string) =>
    `${title}\n${isUnavailable(value) ? `unavailable: ${value.unavailable}\n` : render(value)}`;
  const sections = [
    `shoptel report: last ${args.since} (${report.range.start} → ${report.range.end}) from ${url}\n`,
    part(
      'Conversion funnel (sessions)',
      funnel,
      (f) =>
        `${formatTable(
          ['step', 'sessions', 'from previous'],
          f.steps.map((s) => [s.step, s.sessions, formatPercent(s.rateFromPrevious)]),
        )}overall conversion: ${formatPercent(f.overallRate)}\n`,
    ),
    part('Revenue', funnel, (f) =>
      formatTable(
        ['currency', 'orders', 'revenue', 'average order'],
        f.revenue.map((r) => [r.currency ?? '(none)', r.orders, r.revenue, r.averageOrderValue]),
      ),
    ),
    part('Top products', topProducts, (t) =>
      formatTable(
        ['rank', 'by views', 'views', 'by cart adds', 'cart adds', 'by purchases', 'purchasing sessions'],
        Array.from({ length: Math.max(t.views.length, t.cartAdds.length, t.purchases.length) }, (_, i) => [
          i + 1,
          t.views[i]?.productId ?? '',
          t.views[i]?.count ?? '–',
          t.cartAdds[i]?.productId ?? '',
          t.cartAdds[i]?.count ?? '–',
          t.purchases[i]?.productId ?? '',
          t.purchases[i]?.count ?? '–',
        ]),
      ),
    ),
    part('Business events', logStats, (rows) =>
      formatTable(
        ['level', 'category', 'events', 'users'],
        rows.map((r) => [r.level ?? '(none)', r.category ?? '(none)', r.count, r.uniqueUsers]),
      ),
    ),
    part('Orders', orders, (o) =>
      formatTable(
        ['received', 'processed', 'cancelled', 'timed', 'average', 'p50', 'p95', 'p99'],
        [
          [
            o.received,
            o.processed,
            o.cancelled,
            o.timedOrders,
            ms(o.averageMs),
            ms(o.p50Ms),
            ms(o.p95Ms),
            ms(o.p99Ms),
          ],
        ],
      ),
    ),
    part(
      `Anomalies (ERROR actions above ${formatPercent(args.minShare)} of all events)`,
      anomalies,
      (a) =>
        `${formatTable(
          ['severity', 'category', 'action', 'errors', 'share'],
          a.anomalies.map((x) => [
            x.severity,
            x.category ?? '(none)',
            x.action ?? '(none)',
            x.count,
            formatPercent(x.share),
          ]),
        )}error rate ${formatPercent(a.current.rate)} (${a.current.errors} of ${a.current.events}); previous ${args.since}: ${formatPercent(a.previous.rate)} (${a.previous.errors} of ${a.previous.events}); change ${formatPoints(a.errorRateChange)}\n`,
    ),
  ];
  return sections.join('\n');
}

function formatPoints(change: number): string {
  const points = (change * 100).toFixed(1);
  return `${change >= 0 ? '+' : ''}${points} pp`;
}
