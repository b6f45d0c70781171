import { defineConfig } from 'vitest/config';

// The built app, after `npm run build` (a separate `npm test` step, `app`): the shell's
// wiring under the Electron stand-in (test/wiring/) and the packaging check with the real
// electron-builder (test/packaging/). Each wiring test runs the app in its own process.
process.env.ELECTRON_OVERRIDE_DIST_PATH = '/nonexistent';

export default defineConfig({
  test: {
    name: 'app',
    environment: 'node',
    include: ['test/{wiring,packaging}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores, shared: one file at a time keeps timings honest.
    fileParallelism: false,
  },
});
