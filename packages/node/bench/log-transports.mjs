// The log-transport suite alone: `node bench/log-transports.mjs [--quick]` (prints; `pnpm bench`
// runs it with the others and writes BENCHMARKS.md).
import { logTransportSection, runLogTransportBench } from './lib/log-transports.mjs';

const quick = process.argv.includes('--quick');
const result = await runLogTransportBench({ reps: quick ? 1 : 3, lines: quick ? 30_000 : 100_000 });
console.log(`\n${logTransportSection(result).join('\n')}\n`);
