import {
  type ConfigProblem,
  configFromEnv as coreConfigFromEnv,
  type Env,
  ShoptelConfigError,
} from '@shoptel/core';
import { isLogLevel, LogLevel } from '../logger/log-level.js';
import type { NodeSettings, ShoptelNodeConfig } from './node-options.js';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * Reads core's `OPENOBSERVE_*` variables and the node ones: `OPENOBSERVE_SERVICE_NAME` (or
 * `OTEL_SERVICE_NAME`), `OPENOBSERVE_SERVICE_VERSION`, `OPENOBSERVE_CURRENCY`,
 * `OPENOBSERVE_LOG_LEVEL`, `OPENOBSERVE_TRUST_PROXY` (`true`/`false` or a number of proxies),
 * `OPENOBSERVE_METRICS_PUSH_INTERVAL` (ms). Unset or empty variables take the defaults. Throws one
 * `ShoptelConfigError` naming every bad variable, core's and node's together.
 *
 * @example const shoptel = createShoptel(configFromEnv(process.env));
 */
export function configFromEnv(env: Env): ShoptelNodeConfig {
  const problems: ConfigProblem[] = [];
  const text = (key: string) => {
    const value = env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const settings: NodeSettings = {};
  const serviceName = text('OPENOBSERVE_SERVICE_NAME') ?? text('OTEL_SERVICE_NAME');
  if (serviceName !== undefined) settings.serviceName = serviceName;
  const serviceVersion = text('OPENOBSERVE_SERVICE_VERSION');
  if (serviceVersion !== undefined) settings.serviceVersion = serviceVersion;

  const currency = text('OPENOBSERVE_CURRENCY')?.toUpperCase();
  if (currency !== undefined && !CURRENCY.test(currency)) {
    problems.push({
      field: 'OPENOBSERVE_CURRENCY',
      message: `expected an ISO 4217 code like EUR; got '${currency}'`,
    });
  } else if (currency !== undefined) settings.currency = currency;

  const level = text('OPENOBSERVE_LOG_LEVEL')?.toUpperCase();
  if (level !== undefined && !isLogLevel(level)) {
    problems.push({
      field: 'OPENOBSERVE_LOG_LEVEL',
      message: `expected one of ${Object.keys(LogLevel).join(', ')}; got '${level}'`,
    });
  } else if (level !== undefined) settings.minLevel = level;

  const trustProxy = text('OPENOBSERVE_TRUST_PROXY')?.toLowerCase();
  if (trustProxy !== undefined) {
    if (['true', 'yes', 'on'].includes(trustProxy)) settings.trustProxy = true;
    else if (['false', 'no', 'off', '0'].includes(trustProxy)) settings.trustProxy = false;
    else if (/^\d{1,2}$/.test(trustProxy)) settings.trustProxy = Number(trustProxy);
    else {
      problems.push({
        field: 'OPENOBSERVE_TRUST_PROXY',
        message: `expected true, false or a number of proxies; got '${trustProxy}'`,
      });
    }
  }

  const interval = text('OPENOBSERVE_METRICS_PUSH_INTERVAL');
  if (interval !== undefined) {
    if (/^\d+$/.test(interval) && Number(interval) >= 1000)
      settings.metrics = { pushIntervalMs: Number(interval) };
    else {
      problems.push({
        field: 'OPENOBSERVE_METRICS_PUSH_INTERVAL',
        message: `expected whole milliseconds of at least 1000; got '${interval}'`,
      });
    }
  }

  let core: ReturnType<typeof coreConfigFromEnv> | undefined;
  try {
    core = coreConfigFromEnv(env);
  } catch (error) {
    if (!(error instanceof ShoptelConfigError)) throw error;
    problems.unshift(...error.problems);
  }
  if (problems.length > 0 || core === undefined) throw new ShoptelConfigError(problems);
  return { ...core, ...settings };
}
