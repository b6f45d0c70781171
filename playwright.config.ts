import { defineConfig } from '@playwright/test';

// Importing electron-store or electron-log/main imports `electron`, whose package would try
// to download its binary: point it at a path that does not exist instead.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent';

/** Debian's Chromium; never a browser downloaded by Playwright. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'e2e',
      testDir: 'test/e2e',
      use: {
        viewport: { width: 1366, height: 768 },
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
    },
  ],
});
