/**
 * The shell's hooks for organisation policies and settings (issue #12), in the built main
 * under the Electron stand-in: hardware acceleration turned off before `ready` when the
 * stored choice (or a policy) says so, and every settings change pushed to the window on
 * `settings:changed`. The policy sources themselves are tested in test/unit/policy-*.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandChannels, settingsPushChannel, type SettingsView } from '../../main/ipc/contract';
import { StandInApp } from './harness';
import { builtMain, closeDesk, requireBuild, startApp, type Desk } from './desk';

let running: Array<Partial<Desk>> = [];
afterEach(async () => {
  await Promise.all(running.map(closeDesk));
  running = [];
});

/** A profile folder holding a settings file with these stored choices. */
function profileWith(settings: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-desk-profile-'));
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({ settings: { version: 1, ...settings } }),
  );
  return dir;
}

async function launchedWith(settings: Record<string, unknown>): Promise<StandInApp> {
  requireBuild();
  // Unpackaged, so the app honours AGENT_DESK_USER_DATA (a packaged app ignores it).
  const app = new StandInApp({
    entry: builtMain,
    isPackaged: false,
    platform: 'linux',
    env: { AGENT_DESK_USER_DATA: profileWith(settings) },
  });
  running.push({ app });
  await app.op('loaded');
  return app;
}

describe('policy and settings hooks of the shell', () => {
  it('turns hardware acceleration off before ready when the agent chose so', async () => {
    const app = await launchedWith({ hardwareAcceleration: false });
    expect(app.calls('app.disableHardwareAcceleration')).toHaveLength(1);
    await app.op('ready');
    await app.next('BrowserWindow.show');
    expect(app.violations()).toEqual([]);
  });

  it('leaves hardware acceleration on by default', async () => {
    const app = await launchedWith({});
    await app.op('ready');
    await app.next('BrowserWindow.show');
    expect(app.calls('app.disableHardwareAcceleration')).toEqual([]);
  });

  it('pushes the settings view to the window after a change', async () => {
    const app = await startApp({ platform: 'linux' });
    running.push({ app });
    const saved = await app.invoke(commandChannels.updateSettings, { theme: 'dark' });
    expect(saved).toMatchObject({ ok: true });
    const push = await app.waitFor('a settings push', () =>
      app.calls('webContents.send').find((entry) => entry.args[0] === settingsPushChannel),
    );
    const view = push.args[1] as SettingsView;
    expect(view.values.theme).toBe('dark');
    expect(view.sources.theme).toEqual({ kind: 'agent' });
  });
});
