/**
 * Scenario helpers for the wiring tests: the built app under the Electron stand-in, pointed
 * at a real simulator over HTTPS, signed in through the app's own IPC handlers.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  commandChannels,
  pushChannel,
  type DeskResult,
  type DeskSnapshot,
} from '../../main/ipc/contract';
import { startSimulator, type Simulator } from '../simulator/index';
import type { SimAgent } from '../simulator/types';
import { StandInApp, type JournalEntry, type LaunchOptions } from './harness';

/** The built main; WIRING_MAIN points the suite at another build (e.g. an older commit's). */
export const builtMain =
  process.env['WIRING_MAIN'] ?? fileURLToPath(new URL('../../out/main/index.js', import.meta.url));

/** Fails with the fix when the build is missing (this suite runs after `npm run build`). */
export function requireBuild(): void {
  if (!existsSync(builtMain)) {
    throw new Error(`${builtMain} is missing: run \`npm run build\` first (npm test does).`);
  }
}

export interface Desk {
  app: StandInApp;
  sim: Simulator;
  agent: SimAgent;
  /** Epoch ms when the agent was signed in: requests after it are this scenario's. */
  signedInAt: number;
}

/** Starts the app (installed: packaged) and waits for its window to show. */
export async function startApp(opts: Partial<LaunchOptions> = {}): Promise<StandInApp> {
  requireBuild();
  const app = new StandInApp({ entry: builtMain, isPackaged: true, ...opts });
  await app.op('ready');
  await app.waitFor('the window to show', () =>
    app.calls('BrowserWindow.show').find((entry) => entry['window'] === 1),
  );
  return app;
}

/** Points the app at the simulator through the Settings command, as an agent would. */
export async function configureGateway(app: StandInApp, sim: Simulator): Promise<void> {
  const caFile = join(app.home, 'site-ca.pem');
  writeFileSync(caFile, sim.caPem);
  const updated = await app.invoke<DeskResult<unknown>>(commandChannels.updateSettings, {
    gatewayUrl: sim.url,
    caFile,
  });
  expect(updated).toMatchObject({ ok: true });
}

/** A simulator, the app, and agent 101 signed in through the IPC handlers. */
export async function signedInDesk(opts: Partial<LaunchOptions> = {}): Promise<Desk> {
  const sim = await startSimulator({ pollHoldMs: 300 });
  const app = await startApp(opts);
  await configureGateway(app, sim);
  const agent = sim.agents[0];
  if (agent === undefined) throw new Error('the simulator has no agents');
  const signedInAt = Date.now();
  const result = await app.invoke<DeskResult<unknown>>(commandChannels.signIn, {
    agentId: agent.id,
    password: agent.password,
    phone: agent.phone,
  });
  expect(result).toMatchObject({ ok: true });
  await lastPushed(app, (s) => s.session.phase === 'signed-in');
  return { app, sim, agent, signedInAt };
}

/** The snapshots the app pushed to its window, in order. */
export function pushed(app: StandInApp): DeskSnapshot[] {
  return app
    .calls('webContents.send')
    .filter((entry) => entry.args[0] === pushChannel)
    .map((entry) => entry.args[1] as DeskSnapshot);
}

/** Waits until a pushed snapshot satisfies `check`. */
export function lastPushed(
  app: StandInApp,
  check: (snapshot: DeskSnapshot) => boolean,
  timeoutMs = 10_000,
): Promise<DeskSnapshot> {
  return app.waitFor('a pushed snapshot', () => pushed(app).findLast(check), timeoutMs);
}

/** Offers a preview, dials it through the app's IPC and waits until the customer's phone rings. */
export async function customerRinging(d: Desk): Promise<void> {
  const { controlId } = d.sim.injectPreview(d.agent.id, { numbers: ['5550101'] });
  await lastPushed(d.app, (s) => s.previews.some((p) => p.controlId === controlId));
  const dialled = await d.app.invoke<DeskResult<unknown>>(commandChannels.dialPreview, {
    controlId,
    number: '5550101',
  });
  expect(dialled).toMatchObject({ ok: true });
  await lastPushed(d.app, (s) => s.call?.phase === 'customer-ringing');
}

/** What the gateway saw from the agent since `since`: `METHOD /last/path/segment`. */
export function gatewaySaw(desk: Desk, since = desk.signedInAt): string[] {
  return desk.sim
    .requests()
    .filter((r) => r.agentId === desk.agent.id && r.at >= since)
    .map((r) => `${r.method} ${r.path.slice(r.path.lastIndexOf('/'))}`);
}

/** Only the session and call commands, without the event poll and its resyncs. */
export function commandsSeen(desk: Desk, since = desk.signedInAt): string[] {
  return gatewaySaw(desk, since).filter((line) => /\/(logout|release|forcelogout)$/.test(line));
}

/** The message boxes the app showed, with the window as it was when each appeared. */
export function dialogs(app: StandInApp): JournalEntry[] {
  return app.calls('dialog.showMessageBox');
}

/** Waits for the n-th message box (1-based). */
export function nthDialog(app: StandInApp, n: number, timeoutMs = 10_000): Promise<JournalEntry> {
  return app.waitFor(`message box #${n}`, () => dialogs(app)[n - 1], timeoutMs);
}

/** Tears a scenario down, whatever state it ended in. */
export async function closeDesk(desk: Partial<Desk>): Promise<void> {
  await desk.app?.dispose();
  await desk.sim?.stop();
}
