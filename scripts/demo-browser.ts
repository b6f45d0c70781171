/**
 * `npm run demo:browser`: Agent Desk in Chromium, without Electron. Starts the simulator
 * (a preview every ~8 s, calls answered after ~3 s), builds the renderer when it is
 * missing, serves it on 127.0.0.1, runs the REAL desk core in this process bridged to the
 * page as `window.desk` (test/e2e/harness.ts) and opens Debian Chromium:
 * - with a display (DISPLAY / WAYLAND_DISPLAY): a window, running until it is closed;
 * - without one: signs in as the first demo agent, waits for a preview, dials it, sends a
 *   few DTMF digits, opens settings, saves screenshots to test-results/demo/, prints their
 *   paths and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../playwright.config';
import {
  connectDesk,
  createTestDesk,
  removeCaFile,
  rendererDir,
  repoRoot,
  serveRenderer,
  writeCaFile,
} from '../test/e2e/harness';
import * as ui from '../test/e2e/ui';
import { startSimulator } from '../test/simulator/index';

process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent';

const outDir = join(repoRoot, 'test-results', 'demo');

function buildRendererIfMissing(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  process.stdout.write('Building the renderer (npx electron-vite build)…\n');
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0)
    throw new Error(`the build failed (exit ${built.status ?? built.signal})`);
}

async function shoot(page: Page, name: string): Promise<string> {
  const file = join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The scripted headless tour; returns the screenshot paths. */
async function tour(
  page: Page,
  agent: { id: string; password: string; phone: string },
): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  await page.getByTestId(ui.ids.agentId).waitFor();
  files.push(await shoot(page, 'sign-in'));
  await ui.signIn(page, agent);
  const card = page.getByTestId(ui.ids.previewCard).first();
  // The simulator offers a preview every ~8 s.
  await card.waitFor({ timeout: 30_000 });
  files.push(await shoot(page, 'desk'));
  await ui.callPreview(page, card);
  // The simulator answers after ~3 s.
  await ui.waitForPhase(page, 'talking', 30_000);
  await ui.pressDigits(page, '12#');
  await ui.waitForSentDigits(page, '12#');
  files.push(await shoot(page, 'call'));
  await ui.hangUp(page);
  await ui.openSettings(page);
  files.push(await shoot(page, 'settings'));
  return files;
}

async function main(): Promise<number> {
  const sim = await startSimulator({ previewEveryMs: 8_000, autoAnswerMs: 3_000 });
  const agent = sim.agents[0];
  if (agent === undefined) throw new Error('the simulator has no agents');
  process.stdout.write(`Simulator: ${sim.url}\n`);
  for (const a of sim.agents) {
    process.stdout.write(`  agent ${a.id}  password ${a.password}  phone ${a.phone}\n`);
  }
  buildRendererIfMissing();
  const server = await serveRenderer();
  const caFile = writeCaFile(sim.caPem);
  const agentDesk = createTestDesk({
    gateway: sim,
    caFile,
    settings: { pollGapMs: 200 },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: !headed,
  });
  try {
    const page = await browser.newPage(
      headed ? { viewport: null } : { viewport: { width: 1366, height: 768 } },
    );
    const bridge = await connectDesk(page, agentDesk, {
      log: (line) => process.stderr.write(`${line}\n`),
    });
    await page.goto(server.url);
    if (headed) {
      // The page works only in this window: the desk is bridged into it, not served.
      process.stdout.write(
        'Agent Desk is open in Chromium; close its window (or Ctrl+C) to stop.\n',
      );
      process.once('SIGINT', () => {
        page.close().catch((error: unknown) => process.stderr.write(`close: ${String(error)}\n`));
      });
      await page.waitForEvent('close', { timeout: 0 });
    } else {
      const files = await tour(page, agent);
      for (const file of files) process.stdout.write(`${file}\n`);
    }
    bridge.dispose();
    return 0;
  } finally {
    await browser.close();
    await agentDesk.dispose();
    await server.close();
    await sim.stop();
    removeCaFile(caFile);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
