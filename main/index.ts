/**
 * Electron entry (wiring only, STYLE.md §1): single-instance lock, sandbox, the `app://`
 * scheme, settings, logs, the desk core behind IPC, the window, menu, tray, power and
 * session-end events and the quit question. Every decision lives in a tested module under
 * main/shell/; test/wiring/ drives this very file (built) under a stand-in of `electron`.
 */
import {
  app,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  session,
  type BrowserWindow,
  type MessageBoxOptions,
} from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgentDesk, type AgentDesk } from './compose';
import { refused } from './desk/summaries';
import { pushChannel, settingsPushChannel, type DeskSnapshot } from './ipc/contract';
import { registerIpcHandlers, trustedFrameCheck } from './ipc/handle';
import { applicationMenuTemplate, hidesMenuBar } from './shell/app-menu';
import { appOrigin } from './shell/app-url';
import { withinBudget } from './shell/budget';
import { contentSecurityPolicy } from './shell/csp';
import { createDiagnosticsExporter } from './shell/diagnostics-host';
import { setupLogging, type ShellLogging } from './shell/logging';
import { createMainWindow } from './shell/main-window';
import { createNotifier } from './shell/notify';
import { watchPower } from './shell/power';
import { shouldFlash } from './shell/preview-alert';
import { openProfile } from './shell/profile';
import { applyDevCsp, registerAppScheme, serveAppProtocol } from './shell/protocol';
import {
  QuitGuard,
  afterFailureChoiceFromResponse,
  exitPlan,
  hasLiveCall,
  quitChoiceFromResponse,
  quitDialog,
  signOutFailedDialog,
  signOutForQuit,
  signingOutTitle,
  waitForSnapshot,
} from './shell/quit-guard';
import { denyPermissions } from './shell/security';
import { watchShutdown, watchWindowsSessionEnd } from './shell/session-end';
import { settingsFileName } from './shell/settings-store';
import { readPolicy } from './settings/policy/system';
import { watchPolicy } from './settings/policy/watcher';
import { readStartupPolicy, type StartupPolicy } from './settings/startup';
import { readShellEnv } from './shell/shell-env';
import { createDeskTray } from './shell/tray';

/** electron-builder.yml's appId, put in by electron.vite.config.ts at build time. */
declare const __AGENT_DESK_APP_ID__: string;

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/preload.cjs');
const env = readShellEnv(process.env, app.isPackaged);

// Before anything reads userData (the lock, the store, the logs): a test profile.
if (env.userDataDir !== null) app.setPath('userData', env.userDataDir);

if (!app.requestSingleInstanceLock()) {
  // Two desks would poll as the same agent and fight over the session: keep the first.
  app.quit();
} else {
  // Windows: toasts are shown, and the pinned shortcut and the window share one taskbar
  // button, only when the process carries the AppUserModelID the installer put on its
  // shortcuts — electron-builder uses appId (app-builder-lib templates/nsis/include/
  // installer.nsh `SetLnkAUMI`, targets/MsiTarget.js `System.AppUserModel.ID`).
  if (process.platform === 'win32') app.setAppUserModelId(__AGENT_DESK_APP_ID__);
  // Every renderer sandboxed, whatever a window's options say (STYLE.md §8).
  app.enableSandbox();
  registerAppScheme();
  const logging = setupLogging(env.isDevelopment);
  logging.logger.info('shell:start', { version: app.getVersion(), packaged: app.isPackaged });
  // Organisation policies, read before `ready`: hardware acceleration can only go off now.
  const startup = readStartupPolicy(join(app.getPath('userData'), `${settingsFileName}.json`));
  if (!startup.hardwareAcceleration) {
    app.disableHardwareAcceleration();
    logging.logger.info('shell:hardware-acceleration-off');
  }
  app
    .whenReady()
    .then(() => start(logging, startup))
    .catch((error: unknown) => {
      logging.logger.error('shell:start-failed', { error: String(error) });
      dialog.showErrorBox('Agent Desk', `Agent Desk could not start: ${String(error)}`);
      app.exit(1);
    });
}

function start(logging: ShellLogging, startup: StartupPolicy): void {
  const { logger } = logging;
  let win: BrowserWindow | null = null;
  const showWindow = (): void => {
    if (win === null || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  const ses = session.defaultSession;
  const csp = contentSecurityPolicy(env.devServerUrl);
  denyPermissions(ses, logger);
  serveAppProtocol(ses, rendererDir, csp, logger);
  if (env.devServerUrl !== null) applyDevCsp(ses, env.devServerUrl, csp);

  const { settings, store } = openProfile(env, logger, startup.policy);
  const language = (): 'en' | 'zh-CN' => settings.values().language;
  const installMenu = (): void => {
    const template = applicationMenuTemplate({
      platform: process.platform,
      locale: language(),
      isDevelopment: env.isDevelopment,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  // Before the window exists, so Electron's default menu (Reload, developer tools) never shows.
  installMenu();

  const agentDesk: AgentDesk = createAgentDesk({
    settings,
    logger,
    onGatewayCall: logging.onGatewayCall,
    notifyAgent: createNotifier({
      window: () => win,
      settings: () => settings.values(),
      showWindow,
      logger,
    }),
    exportDiagnostics: createDiagnosticsExporter({
      logDir: logging.logDir,
      settings: () => settings.view(),
      eventLog: () => agentDesk.desk.eventLog(),
      logger,
    }),
    // The agent's "keep on top" (issue #13 §7); the choice is saved by the handler.
    applyStayOnTop: (onTop) => {
      if (win === null || win.isDestroyed()) return refused('not-available');
      win.setAlwaysOnTop(onTop);
      return { ok: true, value: undefined };
    },
  });
  const { desk } = agentDesk;

  const trustedOrigin = env.devServerUrl === null ? appOrigin : new URL(env.devServerUrl).origin;
  const isOurOrigin = trustedFrameCheck([trustedOrigin]);
  const unregisterIpc = registerIpcHandlers(ipcMain, agentDesk.handlers, {
    // Only our own window's live top frame, showing our own origin, may command the desk.
    isTrustedFrame: (frame) => {
      if (frame === null || win === null || win.isDestroyed()) return false;
      const top = win.webContents.mainFrame;
      return (
        frame.processId === top.processId && frame.routingId === top.routingId && isOurOrigin(frame)
      );
    },
    logger,
  });

  const mainWindow = createMainWindow({
    preloadPath,
    isDevelopment: env.isDevelopment,
    devServerUrl: env.devServerUrl,
    savedBounds: store.windowBounds.get(),
    saveBounds: (bounds) => store.windowBounds.set(bounds),
    logger,
  });
  win = mainWindow;
  if (hidesMenuBar(process.platform)) mainWindow.setMenuBarVisibility(false);
  // The agent's saved "keep on top" from an earlier session.
  if (settings.values().stayOnTop) mainWindow.setAlwaysOnTop(true);

  const tray = createDeskTray({ showWindow, quit: () => app.quit(), locale: language() });
  let previous: DeskSnapshot | null = null;
  const unsubscribe = desk.subscribe((snapshot) => {
    if (!mainWindow.isDestroyed()) {
      mainWindow.webContents.send(pushChannel, snapshot);
      if (shouldFlash(previous, snapshot, mainWindow.isFocused())) mainWindow.flashFrame(true);
    }
    tray.update(snapshot, language());
    previous = snapshot;
  });
  tray.update(desk.snapshot(), language());
  // The tooltip and the menus follow a language change at once, not at the next snapshot.
  const unwatchLanguage = settings.onChange((values) => {
    tray.update(desk.snapshot(), language());
    installMenu();
    // Keep on top follows its setting from any source (a policy re-read, a save).
    if (!mainWindow.isDestroyed() && values.stayOnTop !== mainWindow.isAlwaysOnTop()) {
      mainWindow.setAlwaysOnTop(values.stayOnTop);
    }
  });
  const unwatchPower = watchPower(powerMonitor, desk, logger);
  // Policies re-read every few minutes and at focus; the Settings screen follows at once.
  const policyWatcher = watchPolicy(settings, startup.policy, () => readPolicy(), logger);
  app.on('browser-window-focus', () => policyWatcher.nudge());
  const unwatchSettingsView = settings.onViewChange((view) => {
    if (!mainWindow.isDestroyed()) mainWindow.webContents.send(settingsPushChannel, view);
  });

  const askBox = async (options: MessageBoxOptions): Promise<number> => {
    const answer = mainWindow.isDestroyed()
      ? await dialog.showMessageBox(options)
      : await dialog.showMessageBox(mainWindow, options);
    return answer.response;
  };
  const quitGuard = new QuitGuard({
    snapshot: () => desk.snapshot(),
    showWindow,
    ask: async (snapshot) =>
      quitChoiceFromResponse(await askBox(quitDialog(language(), hasLiveCall(snapshot)))),
    signOut: () => signOutForQuit(desk),
    whenSignOutSettles: () =>
      waitForSnapshot(desk, (s) => s.session.phase !== 'signing-out', 60_000),
    showProgress: (isOn) => {
      if (mainWindow.isDestroyed()) return;
      // > 1: indeterminate (base-window.md `setProgressBar`); < 0 removes it.
      mainWindow.setProgressBar(isOn ? 2 : -1);
      mainWindow.setTitle(isOn ? signingOutTitle(language()) : 'Agent Desk');
    },
    askAfterFailure: async (failure) =>
      afterFailureChoiceFromResponse(await askBox(signOutFailedDialog(language(), failure))),
    quit: () => app.quit(),
    logger,
  });
  app.on('second-instance', () => quitGuard.secondInstance());
  app.on('activate', showWindow);
  app.on('before-quit', (event) => {
    if (!quitGuard.request()) event.preventDefault();
  });
  mainWindow.on('close', (event) => {
    if (!quitGuard.request()) event.preventDefault();
  });
  app.on('window-all-closed', () => app.quit());

  const sessionEnd = { desk, logger };
  const unwatchShutdown = watchShutdown(powerMonitor, {
    ...sessionEnd,
    guard: quitGuard,
    quit: () => app.quit(),
  });
  const unwatchSessionEnd = watchWindowsSessionEnd(mainWindow, sessionEnd);

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    disposed = true;
    // Stop the poll loop and its timers before the process ends, then exit for real.
    event.preventDefault();
    unsubscribe();
    unwatchLanguage();
    unwatchPower();
    unwatchShutdown();
    unwatchSessionEnd();
    policyWatcher.stop();
    unwatchSettingsView();
    unregisterIpc();
    tray.destroy();
    const snapshot = desk.snapshot();
    const plan = exitPlan(snapshot);
    logger.info('shell:exit', { plan, phase: snapshot.session.phase });
    const exit = (): void => {
      if (quitGuard.relaunchOnExit) app.relaunch();
      app.exit(0);
    };
    if (plan === 'exit-now') {
      exit();
      return;
    }
    // A signed-out desk only stops its timers; the budget is a backstop, never a wait.
    withinBudget(agentDesk.dispose(), 2_000)
      .then((outcome) => {
        if (outcome.kind === 'timed-out') logger.warn('shell:dispose-timed-out');
      })
      .catch((error: unknown) => logger.error('shell:dispose-failed', { error: String(error) }))
      .finally(exit);
  });
}
