#!/usr/bin/env node
// Makes a fresh clone ready without a separate install step: runs `npm ci` when node_modules is
// missing or no longer matches package-lock.json. Plain Node, no dependencies, so it can run first.
// Used by `npm start` and before `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const readLock = (file) => JSON.parse(readFileSync(file, 'utf8')).packages ?? {};

/**
 * True when every required package of package-lock.json is installed at its locked version.
 * Optional packages (other platforms' binaries) are skipped: npm ci leaves them out.
 */
function installedMatchesLock() {
  const hidden = 'node_modules/.package-lock.json'; // npm writes it after every install
  if (!existsSync(hidden)) return false;
  const installed = readLock(hidden);
  return Object.entries(readLock('package-lock.json')).every(
    ([name, info]) =>
      !name.startsWith('node_modules/') ||
      info.optional ||
      installed[name]?.version === info.version,
  );
}

if (installedMatchesLock()) process.exit(0);

console.log('Installing the exact dependencies from package-lock.json (npm ci)…');
const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
