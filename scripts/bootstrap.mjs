// Installs the workspace with the pinned pnpm, so a fresh machine needs only Node 20 and npm.
// `--frozen-lockfile` keeps CI and newcomers on exactly the versions the lockfile names.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync('npx', ['-y', 'pnpm@12.4.2', 'install', '--frozen-lockfile'], { cwd: root, stdio: 'inherit' });
