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

/** Everything `shoptel report` gathers; `--json` prints it as it is. */
export interface ShopReport {
  range: { start: string; end: string };
  funnel: ConversionFunnel;
  topProducts: { views: TopProductRow[]; cartAdds: TopProductRow[]; purchases: TopProductRow[] };
  logStats: LogStatsRow[];
  orders: OrderProcessing;
  anomalies: AnomalyReport;
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
    const report: ShopReport = {
      range: { start: range.start.toISOString(), end: range.end.toISOString() },
      funnel: await analytics.getConversionFunnel(range),
      topProducts: {
        views: await analytics.getTopProducts(range, { by: 'views', limit: args.top }),
        cartAdds: await analytics.getTopProducts(range, { by: 'cart_adds', limit: args.top }),
        purchases: await analytics.getTopProducts(range, { by: 'purchases', limit: args.top }),
      },
      logStats: await analytics.getLogStats(range),
      orders: await analytics.getOrderProcessing(range),
      anomalies: await analytics.detectAnomalousPatterns(range, { minShare: args.minShare }),
    };
    io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, args, config.url));
    return 0;
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
  const sections = [
    `shoptel report: last ${args.since} (${report.range.start} → ${report.range.end}) from ${url}\n`,
    `Conversion funnel (sessions)\n${formatTable(
      ['step', 'sessions', 'from previous'],
      funnel.steps.map((s) => [s.step, s.sessions, formatPercent(s.rateFromPrevious)]),
    )}overall conversion: ${formatPercent(funnel.overallRate)}\n`,
    `Revenue\n${formatTable(
      ['currency', 'orders', 'revenue', 'average order'],
      funnel.revenue.map((r) => [r.currency ?? '(none)', r.orders, r.revenue, r.averageOrderValue]),
    )}`,
    `Top products\n${formatTable(
      ['rank', 'by views', 'views', 'by cart adds', 'cart adds', 'by purchases', 'purchasing sessions'],
      Array.from(
        {
          length: Math.max(
            topProducts.views.length,
            topProducts.cartAdds.length,
            topProducts.purchases.length,
          ),
        },
        (_, i) => [
          i + 1,
          topProducts.views[i]?.productId ?? '',
          topProducts.views[i]?.count ?? '–',
          topProducts.cartAdds[i]?.productId ?? '',
          topProducts.cartAdds[i]?.count ?? '–',
          topProducts.purchases[i]?.productId ?? '',
          topProducts.purchases[i]?.count ?? '–',
        ],
      ),
    )}`,
    `Business events\n${formatTable(
      ['level', 'category', 'events', 'users'],
      logStats.map((r) => [r.level ?? '(none)', r.category ?? '(none)', r.count, r.uniqueUsers]),
    )}`,
    `Orders\n${formatTable(
      ['received', 'processed', 'cancelled', 'timed', 'average', 'p50', 'p95', 'p99'],
      [
        [
          orders.received,
          orders.processed,
          orders.cancelled,
          orders.timedOrders,
          ms(orders.averageMs),
          ms(orders.p50Ms),
          ms(orders.p95Ms),
          ms(orders.p99Ms),
        ],
      ],
    )}`,
    `Anomalies (ERROR actions above ${formatPercent(args.minShare)} of all events)\n${formatTable(
      ['severity', 'category', 'action', 'errors', 'share'],
      anomalies.anomalies.map((a) => [
        a.severity,
        a.category ?? '(none)',
        a.action ?? '(none)',
        a.count,
        formatPercent(a.share),
      ]),
    )}error rate ${formatPercent(anomalies.current.rate)} (${anomalies.current.errors} of ${anomalies.current.events}); previous ${args.since}: ${formatPercent(anomalies.previous.rate)} (${anomalies.previous.errors} of ${anomalies.previous.events}); change ${formatPoints(anomalies.errorRateChange)}\n`,
  ];
  return sections.join('\n');
}

function formatPoints(change: number): string {
  const points = (change * 100).toFixed(1);
  return `${change >= 0 ? '+' : ''}${points} pp`;
}
