/**
 * How every browser benchmark starts Chromium: Debian's build (or CHROMIUM_PATH), headless, with
 * the flags this project runs it with (no sandbox in the container, no GPU, no background fetches
 * or component updates that would take the CPU during a measurement).
 */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
