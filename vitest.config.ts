import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Browser and delivery checks poll for what a busy 2-core machine may take a few seconds to show.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
