#!/usr/bin/env node
// Makes sure a Chromium for the browser tests exists: $CHROMIUM_PATH, else Debian's /usr/bin/chromium.
// When neither exists and we run as root, installs Debian's `chromium` package with apt-get.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import process from 'node:process';

const DEFAULT_PATH = '/usr/bin/chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function version(path) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) return null;
  // Debian's launcher script may print shell noise on stderr; the version is on stdout.
  return r.stdout.trim().split('\n').pop() ?? null;
}

function found() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      console.error(`CHROMIUM_PATH=${fromEnv} is not an executable file.`);
      process.exit(1);
    }
    return fromEnv;
  }
  return isExecutable(DEFAULT_PATH) ? DEFAULT_PATH : null;
}

function report(path) {
  const v = version(path);
  if (!v) {
    console.error(`${path} exists but \`${path} --version\` failed.`);
    process.exit(1);
  }
  console.log(`Chromium for the browser tests: ${path} (${v})`);
}

let path = found();
if (path) {
  report(path);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    [
      `No Chromium found at ${DEFAULT_PATH} and CHROMIUM_PATH is not set.`,
      "Install Debian's chromium package, then run the tests again:",
      '  sudo apt-get update && sudo apt-get install -y chromium',
      'or point CHROMIUM_PATH at an existing Chromium/Chrome binary.',
    ].join('\n'),
  );
  process.exit(1);
}

console.log(`No Chromium at ${DEFAULT_PATH}; installing Debian's chromium package with apt-get...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', 'chromium']]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.error || r.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}).`);
    process.exit(1);
  }
}

path = found();
if (!path) {
  console.error(`apt-get installed chromium but ${DEFAULT_PATH} is still missing.`);
  process.exit(1);
}
report(path);
