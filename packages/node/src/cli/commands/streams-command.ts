import { configFromEnv } from '../../config/config-from-env.js';
import { ensureStreams } from '../../streams/ensure-streams.js';
import { describeStreamChange } from '../../streams/stream-change.js';
import { type CliCommand, CliUsageError } from '../cli-command.js';

const USAGE = `usage: shoptel streams apply [--dry-run]

Sets each configured stream's settings on OpenObserve: data_retention in days from
OPENOBSERVE_RETENTION_LOGS / _METRICS / _TRACES / _BUSINESS_EVENTS (30d, 90d, 7d, 365d),
'message' as a full-text key of the log streams. Reads OPENOBSERVE_URL, OPENOBSERVE_ORGANIZATION,
the credentials and OPENOBSERVE_STREAM_* from the environment. Safe to run again: prints what
changed, and "unchanged" for streams already set.`;

/**
 * `shoptel streams apply [--dry-run]`: {@link ensureStreams} with the config from the
 * environment, one line per stream. Exit code 0 when every stream is set, 1 when one failed, 2 for
 * a usage or configuration error.
 */
export const streamsCommand: CliCommand = {
  name: 'streams',
  summary: "apply the configured streams' retention and full-text settings (streams apply)",
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const unknown = rest.filter((arg) => arg !== '--dry-run');
    if (sub !== 'apply')
      throw new CliUsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand '${sub}'`);
    if (unknown.length > 0) throw new CliUsageError(`unknown option ${unknown[0]}`);
    // A bad variable throws ShoptelConfigError, naming each field; the dispatcher prints it (exit 2).
    const config = configFromEnv(io.env);
    const dryRun = rest.includes('--dry-run');
    io.stdout(
      `${dryRun ? 'Would set' : 'Setting'} stream settings on ${config.url} (org ${config.organization})\n`,
    );
    const changes = await ensureStreams(config, { dryRun });
    for (const change of changes) {
      const line = `${describeStreamChange(change)}\n`;
      if (change.action === 'failed') io.stderr(line);
      else io.stdout(line);
    }
    return changes.some((change) => change.action === 'failed') ? 1 : 0;
  },
};
