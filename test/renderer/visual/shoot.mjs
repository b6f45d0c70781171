/**
 * Visual check (not part of the test suite): serves out/renderer on 127.0.0.1, opens it in
 * Debian Chromium with a fake bridge and saves 1366×768 screenshots, light and dark.
 * Run: npx electron-vite build && node test/renderer/visual/shoot.mjs
 */
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from '@playwright/test';
import { installFakeDesk } from './fake-bridge.mjs';

const root = resolve(import.meta.dirname, '../../../out/renderer');
const outDir = resolve(import.meta.dirname, '../../../test-results/visual');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const file = join(root, path === '/' ? 'index.html' : path);
  if (!file.startsWith(root) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const only = process.argv[2];
try {
  for (const scheme of ['light', 'dark']) {
    for (const scenario of ['sign-in', 'desk', 'call', 'settings', 'zh', 'menus']) {
      if (only && !`${scenario}-${scheme}`.includes(only)) continue;
      const context = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[${scenario}] page error:`, error));
      page.on('console', (msg) => {
        if (msg.type() === 'error') console.error(`[${scenario}]`, msg.text());
      });
      await page.addInitScript(installFakeDesk, {
        scenario: scenario === 'zh' ? 'call' : scenario === 'menus' ? 'desk' : scenario,
        lang: scenario === 'zh' ? 'zh-CN' : 'en',
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector(
        scenario === 'sign-in' ? '[data-testid="sign-in-form"]' : '[data-testid="desk"]',
      );
      if (scenario === 'settings') {
        await page.click('[data-testid="open-settings"]');
        await page.fill('[data-testid="settings-pollGapMs"]', '20');
        await page.click('[data-testid="settings-test-connection"]');
        await page.waitForSelector('[data-testid="settings-test-steps"]');
      }
      if (scenario === 'desk') await page.click('[data-testid="event-log-toggle"]');
      if (scenario === 'menus') {
        await page.click('[data-testid="agent-state-change"]');
        await page.click('[data-testid="help-toggle"]');
      }
      const axe = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      for (const v of axe.violations) {
        const where = v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(' | ');
        console.log(`[axe ${scenario}-${scheme}] ${v.impact} ${v.id}: ${where}`);
      }
      const file = join(outDir, `${scenario}-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
