import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    // Engine tests run real models on the tfjs wasm backend in Node: give them room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One fork per core. Vitest's default leaves one core free, which on a 2-core machine ran the
    // files one at a time: 209 s, against 119 s with two forks (2026-12-07, 132 files).
    maxWorkers: Math.max(1, os.availableParallelism()),
  },
});
