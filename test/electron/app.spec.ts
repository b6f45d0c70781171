/**
 * The packaged shell end to end (STYLE.md §7): the built app (out/main/index.js) in the real
 * Electron against the simulator — sign in, dial a preview, send DTMF, quit with sign-out —
 * plus the security smoke checks: CSP header, no `require`/`process` in the page, exactly
 * one bridge object, `window.open` denied. Runs only where the Electron binary exists and
 * reports itself skipped elsewhere (the binary is never downloaded).
 *
 * The shell reads AGENT_DESK_GATEWAY_URL, AGENT_DESK_CA_FILE and AGENT_DESK_USER_DATA only
 * when unpackaged (main/shell/shell-env.ts).
 */
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { productionCsp } from '../../main/shell/csp';
import { startSimulator, type Simulator } from '../simulator/index';
import {
  callPreview,
  ids,
  previewCard,
  pressDigits,
  signIn,
  waitForPhase,
  waitForSentDigits,
} from '../e2e/ui';
import { electronLaunchArgs, electronSuiteSkip, findElectronBinary } from './electron-binary';

const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = findElectronBinary(root, process.env);
const skipReason = electronSuiteSkip(binary, process.env);
const mainEntry = join(root, 'out', 'main', 'index.js');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  productName: string;
  version: string;
};

test.describe.configure({ mode: 'serial' });
test.skip(skipReason !== null, skipReason ?? '');

let sim: Simulator;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  if (skipReason !== null || !binary.ok) return;
  if (!existsSync(mainEntry))
    throw new Error(`${mainEntry} is missing: run \`npm run build\` first`);
  sim = await startSimulator({ pollHoldMs: 500 });
  const profile = mkdtempSync(join(tmpdir(), 'agent-desk-electron-'));
  const caFile = join(profile, 'sim-ca.pem');
  writeFileSync(caFile, sim.caPem);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE')
      env[key] = value;
  }
  app = await electron.launch({
    executablePath: binary.path,
    // The project folder, so the app has its own name, version and profile folder.
    args: electronLaunchArgs(root),
    env: {
      ...env,
      AGENT_DESK_GATEWAY_URL: sim.url,
      AGENT_DESK_CA_FILE: caFile,
      AGENT_DESK_USER_DATA: join(profile, 'user-data'),
    },
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  if (app !== undefined) {
    // Normally closed by the last test; a failure earlier leaves it running.
    if (app.process().exitCode === null) app.process().kill();
  }
  if (sim !== undefined) await sim.stop();
});

test('runs as the project, with its own name and version', async () => {
  const identity = await app.evaluate(({ app: electronApp }) => [
    electronApp.getName(),
    electronApp.getVersion(),
  ]);
  expect(identity).toEqual([packageJson.productName, packageJson.version]);
});

test('serves the UI from app://desk with the CSP header', async () => {
  expect(page.url()).toBe('app://desk/index.html');
  const header = await page.evaluate(async () => {
    const response = await fetch('app://desk/index.html');
    return response.headers.get('content-security-policy');
  });
  expect(header).toBe(productionCsp);
});

test('gives the page no Node: no require, no process, one bridge object', async () => {
  const globals = await page.evaluate(() => {
    const w = globalThis as unknown as Record<string, unknown>;
    return {
      require: typeof w['require'],
      process: typeof w['process'],
      module: typeof w['module'],
      desk: typeof w['desk'],
    };
  });
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    desk: 'object',
  });
});

test('denies window.open and navigation to another origin', async () => {
  const opened = await page.evaluate(() => {
    const w = globalThis as unknown as { open(url: string): unknown };
    return w.open('https://example.com/') === null;
  });
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
  await page.evaluate(() => {
    const w = globalThis as unknown as { location: { href: string } };
    w.location.href = 'https://example.com/';
  });
  await expect(page.getByTestId(ids.signInForm)).toBeVisible();
  expect(page.url()).toBe('app://desk/index.html');
});

test('signs in, dials a preview and sends DTMF through the real shell', async () => {
  const agent = sim.agents[0];
  if (agent === undefined) throw new Error('the simulator has no agents');
  await signIn(page, agent);
  const { controlId } = sim.injectPreview(agent.id, { numbers: ['5550101'], callData: 'name=Ada' });
  const card = previewCard(page, controlId);
  await expect(card).toBeVisible();
  await callPreview(page, card);
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await pressDigits(page, '12#');
  await waitForSentDigits(page, '12#');
  expect(sim.dtmf(agent.id).calls[0]?.requests.join('')).toBe('12#');
});

test('quitting during a call asks; "Sign out and quit" hangs up, then signs out', async () => {
  const agent = sim.agents[0];
  if (agent === undefined) throw new Error('the simulator has no agents');
  // Answer the quit dialog in main as the agent would: button 0, "Sign out and quit".
  await app.evaluate(({ dialog }) => {
    dialog.showMessageBox = (async () => ({
      response: 0,
      checkboxChecked: false,
    })) as typeof dialog.showMessageBox;
  });
  await app.close();
  const released = sim.requests().filter((r) => r.agentId === agent.id && /release$/i.test(r.path));
  expect(released.length).toBeGreaterThanOrEqual(1);
  const logouts = sim.requests().filter((r) => r.agentId === agent.id && /logout$/i.test(r.path));
  expect(logouts).toHaveLength(1);
});
