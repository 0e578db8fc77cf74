// The devserver in its own process for the relay benchmark: prints {"url"} and runs until killed.
import { startDevServer } from '@shoptel/devserver';

const server = await startDevServer({ port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', async () => {
  await server.stop();
  process.exit(0);
});
