/**
 * Electron entry (wiring only, STYLE.md §1): single-instance lock, sandbox, the `app://`
 * scheme, settings, logs, the desk core behind IPC, the window, tray, power events and the
 * quit question. Every decision lives in a tested pure module under main/shell/.
 */
import { app, dialog, ipcMain, powerMonitor, session, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgentDesk, type AgentDesk } from './compose';
import { pushChannel, settingsPushChannel, type DeskSnapshot } from './ipc/contract';
import { registerIpcHandlers, trustedFrameCheck } from './ipc/handle';
import { appOrigin } from './shell/app-url';
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
  hasLiveCall,
  quitChoiceFromResponse,
  quitDialog,
  signOutForQuit,
} from './shell/quit-guard';
import { denyPermissions } from './shell/security';
import { settingsFileName } from './shell/settings-store';
import { readPolicy } from './settings/policy/system';
import { watchPolicy } from './settings/policy/watcher';
import { readStartupPolicy, type StartupPolicy } from './settings/startup';
import { readShellEnv } from './shell/shell-env';
import { createDeskTray } from './shell/tray';

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
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);

  const ses = session.defaultSession;
  const csp = contentSecurityPolicy(env.devServerUrl);
  denyPermissions(ses, logger);
  serveAppProtocol(ses, rendererDir, csp, logger);
  if (env.devServerUrl !== null) applyDevCsp(ses, env.devServerUrl, csp);

  const { settings, store } = openProfile(env, logger, startup.policy);
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

  const language = (): 'en' | 'zh-CN' => settings.values().language;
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
  // The tooltip and menu follow a language change at once, not at the next snapshot.
  const unwatchLanguage = settings.onChange(() => tray.update(desk.snapshot(), language()));
  const unwatchPower = watchPower(powerMonitor, desk, logger);
  // Policies re-read every few minutes and at focus; the Settings screen follows at once.
  const policyWatcher = watchPolicy(settings, startup.policy, () => readPolicy(), logger);
  app.on('browser-window-focus', () => policyWatcher.nudge());
  const unwatchSettingsView = settings.onViewChange((view) => {
    if (!mainWindow.isDestroyed()) mainWindow.webContents.send(settingsPushChannel, view);
  });

  const quitGuard = new QuitGuard({
    snapshot: () => desk.snapshot(),
    ask: async (snapshot) => {
      const options = quitDialog(language(), hasLiveCall(snapshot));
      const answer = mainWindow.isDestroyed()
        ? await dialog.showMessageBox(options)
        : await dialog.showMessageBox(mainWindow, options);
      return quitChoiceFromResponse(answer.response);
    },
    signOut: () => signOutForQuit(desk),
    quit: () => app.quit(),
    logger,
  });
  app.on('before-quit', (event) => {
    if (!quitGuard.request()) event.preventDefault();
  });
  mainWindow.on('close', (event) => {
    if (!quitGuard.request()) event.preventDefault();
  });
  app.on('window-all-closed', () => app.quit());

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    disposed = true;
    // Stop the poll loop and its timers before the process ends, then exit for real.
    event.preventDefault();
    unsubscribe();
    unwatchLanguage();
    unwatchPower();
    policyWatcher.stop();
    unwatchSettingsView();
    unregisterIpc();
    tray.destroy();
    agentDesk
      .dispose()
      .catch((error: unknown) => logger.error('shell:dispose-failed', { error: String(error) }))
      .then(() => app.exit(0))
      .catch((error: unknown) => logger.error('shell:exit-failed', { error: String(error) }));
  });
}
