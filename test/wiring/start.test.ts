/**
 * The built main process (out/main/index.js) under the Electron stand-in: start-up order,
 * the window, the menu, the AppUserModelID, navigation, sign-in through the IPC handlers
 * against the simulator, snapshot pushes, resume from sleep and notifications. This checks
 * our wiring against Electron's documented contract; Electron itself does not run here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commandChannels, type DeskResult } from '../../main/ipc/contract';
import { productionCsp } from '../../main/shell/csp';
import { StandInApp } from './harness';
import {
  builtMain,
  closeDesk,
  gatewaySaw,
  lastPushed,
  pushed,
  requireBuild,
  signedInDesk,
  startApp,
  type Desk,
} from './desk';

const appId = (
  parse(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as {
    appId: string;
  }
).appId;

let running: Array<Partial<Desk>> = [];
afterEach(async () => {
  await Promise.all(running.map(closeDesk));
  running = [];
});

async function launched(platform: NodeJS.Platform = 'linux'): Promise<StandInApp> {
  const app = await startApp({ platform });
  running.push({ app });
  return app;
}

/** The roles inside Electron's submenu roles (lib/browser/api/menu-item-roles.ts). */
const roleMenus: Record<string, string[]> = {
  appMenu: ['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'],
  fileMenu: ['close', 'quit'],
  editMenu: ['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll'],
  viewMenu: [
    'reload',
    'forceReload',
    'toggleDevTools',
    'resetZoom',
    'zoomIn',
    'zoomOut',
    'togglefullscreen',
  ],
  windowMenu: ['minimize', 'zoom', 'close'],
};

/** Every role a menu template holds, with Electron's submenu roles expanded. */
function menuRoles(template: unknown): string[] {
  const items = Array.isArray(template) ? (template as Array<Record<string, unknown>>) : [];
  return items.flatMap((item) => {
    const role = typeof item['role'] === 'string' ? item['role'] : null;
    const expanded = role === null ? [] : (roleMenus[role] ?? []);
    return [...(role === null ? [] : [role]), ...expanded, ...menuRoles(item['submenu'])];
  });
}

describe('start-up under the Electron stand-in', () => {
  it('does the before-ready work before ready and nothing ready-only before it', async () => {
    requireBuild();
    const app = new StandInApp({ entry: builtMain, isPackaged: true, platform: 'linux' });
    running.push({ app });
    await app.op('loaded');
    const before = app.journal.map((entry) => entry.api);
    expect(before).toEqual(
      expect.arrayContaining([
        'app.requestSingleInstanceLock',
        'app.enableSandbox',
        'protocol.registerSchemesAsPrivileged',
      ]),
    );
    expect(
      before.filter((api) => /BrowserWindow|session\.|Tray|Notification|screen/.test(api)),
    ).toEqual([]);
    await app.op('ready');
    await app.next('BrowserWindow.show');
    expect(app.violations()).toEqual([]);
  });

  it('opens one sandboxed window on app://desk with the production CSP', async () => {
    const app = await launched();
    const [created] = app.calls('new BrowserWindow');
    const options = created?.args[0] as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(isAbsolute(String(options.webPreferences['preload']))).toBe(true);
    expect(app.calls('webContents.loadURL').map((e) => e.args[0])).toEqual([
      'app://desk/index.html',
    ]);
    const page = await app.op<{ status: number; headers: Record<string, string> }>('fetch', {
      url: 'app://desk/index.html',
    });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(productionCsp);
    const escape = await app.op<{ status: number }>('fetch', {
      url: 'app://desk/..%2f..%2fpackage.json',
    });
    expect(escape.status).toBe(403);
  });

  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`sets its own menu before the window on ${platform}: no reload, no developer tools`, async () => {
      const app = await launched(platform);
      const [menuSet] = app.calls('Menu.setApplicationMenu');
      const [window] = app.calls('new BrowserWindow');
      expect(menuSet).toBeDefined();
      expect(menuSet!.seq).toBeLessThan(window!.seq);
      const { appMenu } = await app.op<{ appMenu: unknown }>('state');
      const roles = menuRoles(appMenu);
      expect(roles).not.toContain('reload');
      expect(roles).not.toContain('forceReload');
      expect(roles).not.toContain('toggleDevTools');
      expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
      if (platform === 'darwin')
        expect(roles).toEqual(expect.arrayContaining(['quit', 'copy', 'paste']));
      const hidden = app.calls('BrowserWindow.setMenuBarVisibility').map((e) => e.args[0]);
      expect(hidden).toEqual(platform === 'darwin' ? [] : [false]);
      expect(app.violations()).toEqual([]);
    });
  }

  it('sets the AppUserModelID from electron-builder.yml on Windows, before the window', async () => {
    const app = await launched('win32');
    const [set] = app.calls('app.setAppUserModelId');
    expect(set?.args).toEqual([appId]);
    expect(set!.seq).toBeLessThan(app.calls('new BrowserWindow')[0]!.seq);
    for (const platform of ['darwin', 'linux'] as const) {
      const other = await launched(platform);
      expect(other.calls('app.setAppUserModelId')).toEqual([]);
      expect(other.violations()).toEqual([]);
    }
  });

  it('keeps the window on its own origin, reading the URL from the event object', async () => {
    const app = await launched();
    const go = (url: string, redirect = false) =>
      app.op<{ prevented: boolean }>('navigate', { url, redirect });
    expect(await go('app://desk/index.html')).toEqual({ prevented: false });
    expect(await go('https://example.com/')).toEqual({ prevented: true });
    expect(await go('app://desk.evil/index.html')).toEqual({ prevented: true });
    expect(await go('app://desk/index.html', true)).toEqual({ prevented: false });
    expect(await go('https://example.com/', true)).toEqual({ prevented: true });
    expect(await app.op('windowOpen', { url: 'https://example.com/help' })).toEqual({
      action: 'deny',
    });
    expect(await app.op('windowOpen', { url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(app.calls('shell.openExternal').map((e) => e.args[0])).toEqual([
      'https://example.com/help',
    ]);
  });
});

describe('the desk behind the IPC handlers, against the simulator', () => {
  it('signs in through the handlers and pushes each snapshot to the window', async () => {
    const desk = await signedInDesk({ platform: 'linux' });
    running.push(desk);
    const phases = pushed(desk.app).map((s) => s.session.phase);
    expect(phases).toContain('signing-in');
    expect(phases.at(-1)).toBe('signed-in');
    expect(gatewaySaw(desk, 0)).toContain(`PUT /${desk.agent.id}`);
    const foreign = await desk.app.op<DeskResult<unknown>>('invoke', {
      channel: commandChannels.getSnapshot,
      foreign: true,
    });
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(desk.app.violations()).toEqual([]);
  });

  it('re-syncs with the gateway when the OS resumes from sleep', async () => {
    const desk = await signedInDesk({ platform: 'linux' });
    running.push(desk);
    const resumedAt = Date.now();
    await desk.app.op('power', { event: 'resume' });
    // §5.7 (issue #9): agentstatus decides whether a call is up; callinfo is asked only
    // when one is, so an idle agent's re-sync is agentstatus alone.
    await desk.app.waitFor('agentstatus after resume', () =>
      gatewaySaw(desk, resumedAt).includes('GET /agentstatus'),
    );
    await lastPushed(desk.app, (s) =>
      s.log.latest.some((entry) => entry.summary.includes('re-sync after resume')),
    );
  });

  it('keeps a shown notification referenced: its click still brings the window back', async () => {
    const desk = await signedInDesk({ platform: 'win32' });
    running.push(desk);
    await desk.app.op('blur');
    const shown = await desk.app.invoke<DeskResult<void>>(commandChannels.notifyAgent, {
      kind: 'preview',
      title: 'New preview',
      body: '5550101',
    });
    expect(shown).toEqual({ ok: true, value: null });
    const [created] = desk.app.calls('new Notification');
    expect(created?.args[0]).toMatchObject({ title: 'New preview', silent: true });
    await desk.app.op('gc');
    const before = desk.app.lastSeq;
    expect(await desk.app.op('clickNotification', { index: 0 })).toEqual({ delivered: true });
    await desk.app.next('BrowserWindow.focus', before);
  });
});

describe('keep on top (issue #13 §7)', () => {
  it('puts the window on top when the agent asks, saves it, and applies it at the next start', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'agent-desk-on-top-'));
    try {
      const opts = {
        platform: 'win32' as const,
        isPackaged: false,
        env: { AGENT_DESK_USER_DATA: profile },
      };
      const first = await startApp(opts);
      running.push({ app: first });
      expect(first.calls('BrowserWindow.setAlwaysOnTop')).toEqual([]);
      const on = await first.invoke<DeskResult<unknown>>(commandChannels.setStayOnTop, {
        onTop: true,
      });
      expect(on).toEqual({ ok: true, value: { onTop: true } });
      expect(first.calls('BrowserWindow.setAlwaysOnTop').map((e) => e.args[0])).toEqual([true]);
      await closeDesk({ app: first });
      running = running.filter((r) => r.app !== first);

      const second = await startApp(opts);
      running.push({ app: second });
      expect(second.calls('BrowserWindow.setAlwaysOnTop').map((e) => e.args[0])).toEqual([true]);
      const off = await second.invoke<DeskResult<unknown>>(commandChannels.setStayOnTop, {
        onTop: false,
      });
      expect(off).toEqual({ ok: true, value: { onTop: false } });
      expect(second.calls('BrowserWindow.setAlwaysOnTop').map((e) => e.args[0])).toEqual([
        true,
        false,
      ]);
      // A change from another source (a policy re-read, a save) reaches the window too.
      const saved = await second.invoke<DeskResult<unknown>>(commandChannels.updateSettings, {
        stayOnTop: true,
      });
      expect(saved).toMatchObject({ ok: true });
      expect(second.calls('BrowserWindow.setAlwaysOnTop').map((e) => e.args[0])).toEqual([
        true,
        false,
        true,
      ]);
      expect(second.violations()).toEqual([]);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
