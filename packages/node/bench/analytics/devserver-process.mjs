// The devserver for the analytics bench, in its own process so its CPU is not the subjects'.
// Prints `{"url": …}` on stdout when listening; stops on SIGTERM.
import { startDevServer } from '@shoptel/devserver';

const server = await startDevServer({ port: 0, searchTimeoutMs: 300_000 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => {
  server.stop().then(() => process.exit(0));
});
