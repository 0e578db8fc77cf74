// `shoptel report` end to end: seeded traffic in a real devserver, the dispatcher run with an
// env pointing at it, tables and JSON checked against the analytics answers.
import { resolveConfig } from '@shoptel/core';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generateShopEvents } from '../../scripts/generate-shop-events.mjs';
import { AUTH, useDevServer } from '../../test/devserver.js';
import { postRecords } from '../../test/post-records.js';
import { createAnalytics } from '../analytics/create-analytics.js';
import type { FullShopReport, ShopReport } from './commands/report-command.js';
import { formatTable } from './format-table.js';
import { runCli } from './run-cli.js';

const dev = useDevServer();
const NOW = Date.now();

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: {
      OPENOBSERVE_URL: dev.url,
      OPENOBSERVE_USERNAME: AUTH.username,
      OPENOBSERVE_PASSWORD: AUTH.password,
      ...env,
    },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  const behavior: object[] = [];
  const business: object[] = [];
  for (const { stream, record } of generateShopEvents({
    seed: 99,
    sessions: 300,
    startMs: NOW - 3 * 3_600_000,
    spanMs: 2 * 3_600_000,
  }) as Iterable<{ stream: string; record: object }>) {
    (stream === 'user_behavior' ? behavior : business).push(record);
  }
  await postRecords(dev.url, 'user_behavior', behavior);
  await postRecords(dev.url, 'business_events', business);
});

describe('shoptel report', () => {
  it('--json prints what the analytics methods answer for the period', async () => {
    const { code, stdout, stderr } = await cli(['report', '--since', '2h', '--json', '--top', '3']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as FullShopReport;
    const range = { start: NOW - 2 * 3_600_000, end: NOW };
    const analytics = createAnalytics(resolveConfig({ url: dev.url, auth: AUTH }));
    const funnel = await analytics.getConversionFunnel(range);
    expect(report.range).toEqual({
      start: new Date(range.start).toISOString(),
      end: new Date(range.end).toISOString(),
    });
    expect(report.funnel.steps).toEqual(funnel.steps);
    expect(funnel.steps[3]!.sessions).toBeGreaterThan(0);
    expect(report.topProducts.purchases).toEqual(
      await analytics.getTopProducts(range, { by: 'purchases', limit: 3 }),
    );
    expect(report.logStats).toEqual(await analytics.getLogStats(range));
    expect(report.orders.p95Ms).toBe((await analytics.getOrderProcessing(range)).p95Ms);
    expect(report.anomalies.anomalies).toEqual((await analytics.detectAnomalousPatterns(range)).anomalies);
  });

  it('prints aligned tables with the same figures', async () => {
    const { code, stdout } = await cli(['report', '--since=2h']);
    expect(code).toBe(0);
    const json = JSON.parse((await cli(['report', '--since', '2h', '--json'])).stdout) as FullShopReport;
    for (const title of [
      'Conversion funnel',
      'Revenue',
      'Top products',
      'Business events',
      'Orders',
      'Anomalies',
    ]) {
      expect(stdout).toContain(`\n${title}`);
    }
    const funnelTable = formatTable(
      ['step', 'sessions', 'from previous'],
      json.funnel.steps.map((s) => [s.step, s.sessions, `${(s.rateFromPrevious * 100).toFixed(1)}%`]),
    );
    expect(stdout).toContain(funnelTable);
    // Every line of a table has its columns at the same offsets as the header's.
    const lines = funnelTable.trimEnd().split('\n');
    const dashes = lines[1]!;
    for (const line of lines.slice(2)) expect(line.length).toBe(dashes.length);
  });

  it('refuses bad options with exit code 2 and the usage', async () => {
    const since = await cli(['report', '--since', '5x']);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain("--since expects a duration like 30m, 24h, 7d or 2w; got '5x'");
    expect(since.stderr).toContain('shoptel report [--since 24h]');
    expect((await cli(['report', '--bogus'])).code).toBe(2);
    expect((await cli(['nope'])).stderr).toContain("unknown command 'nope'");
    expect((await cli(['--help'])).stdout).toContain('report');
  });

  it('prints the sections the server answers when one cannot be (a column of another type), exit code 1', async () => {
    // The first purchase wrote total_amount as text, so the column is VARCHAR and the funnel's
    // sum() is refused; the other sections read other columns and streams.
    await postRecords(dev.url, 'odd_behavior', [
      {
        _timestamp: (NOW - 60_000) * 1000,
        event_type: 'PURCHASE',
        session_id: 's-odd',
        total_amount: '42.50',
      },
      {
        _timestamp: (NOW - 50_000) * 1000,
        event_type: 'PRODUCT_VIEW',
        session_id: 's-odd',
        product_id: 'p-odd',
      },
    ]);
    const env = { OPENOBSERVE_STREAM_USER_BEHAVIOR: 'odd_behavior' };
    const tables = await cli(['report', '--since', '1h'], env);
    expect(tables.code).toBe(1);
    expect(tables.stdout).toMatch(/Conversion funnel \(sessions\)\nunavailable: .*\S/);
    expect(tables.stdout).toMatch(/Top products\n.*p-odd/s);
    expect(tables.stdout).toContain('Business events');
    expect(tables.stderr).toContain('sections are unavailable');
    const json = JSON.parse((await cli(['report', '--since', '1h', '--json'], env)).stdout) as ShopReport;
    expect(json.funnel).toEqual({ unavailable: expect.stringMatching(/sum\(VARCHAR\)/) });
    expect((json.topProducts as FullShopReport['topProducts']).views[0]).toMatchObject({
      productId: 'p-odd',
      count: 1,
    });
  });

  it('names the bad variable and never prints the password', async () => {
    const bad = await cli(['report'], { OPENOBSERVE_BATCH_SIZE: 'lots' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('OPENOBSERVE_BATCH_SIZE');
    const denied = await cli(['report'], { OPENOBSERVE_PASSWORD: 'wrong-secret-123' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('401');
    expect(denied.stderr).not.toContain('wrong-secret-123');
  });
});
