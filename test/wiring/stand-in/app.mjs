// `app` of the Electron STAND-IN: readiness, paths, the single-instance lock and the quit
// sequence as Electron documents and implements them (docs/api/app.md; the quit order is
// shell/browser/browser.cc: before-quit → close every window (a prevented `close` cancels
// the quit) → will-quit → quit → exit).
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { preventableEvent } from './world.mjs';

const pathNames = [
  'home',
  'appData',
  'userData',
  'sessionData',
  'temp',
  'exe',
  'module',
  'desktop',
  'documents',
  'downloads',
  'music',
  'pictures',
  'videos',
  'recent',
  'logs',
  'crashDumps',
];

export function createApp(world, defaultMenu) {
  const { config } = world;
  const app = new EventEmitter();
  app.standInRef = 'app';
  const paths = new Map(pathNames.map((name) => [name, join(config.home, name)]));
  paths.set('exe', join(config.home, 'install', config.executableName));
  let resolveReady;
  const readyPromise = new Promise((resolve) => {
    resolveReady = resolve;
  });
  let holdsLock = false;

  Object.assign(app, {
    name: config.appName,
    getName: () => config.appName,
    getVersion: () => config.appVersion,
    getAppPath: () => config.appPath,
    getLocale: () => 'en-US',
    getSystemLocale: () => 'en-US',
    getPreferredSystemLanguages: () => ['en-US'],
    isReady: () => world.ready,
    whenReady: () => readyPromise,
    getPath(name) {
      if (!paths.has(name)) world.violate(`Failed to get '${name}' path`, 'app.md getPath');
      return paths.get(name);
    },
    setPath(name, path) {
      world.record('app.setPath', [name, path]);
      paths.set(name, path);
    },
    requestSingleInstanceLock(additionalData) {
      holdsLock = !config.lockHeldElsewhere;
      world.record('app.requestSingleInstanceLock', [additionalData ?? null], {
        granted: holdsLock,
      });
      return holdsLock;
    },
    hasSingleInstanceLock: () => holdsLock,
    releaseSingleInstanceLock() {
      world.record('app.releaseSingleInstanceLock');
      holdsLock = false;
    },
    enableSandbox() {
      if (world.ready) {
        world.violate(
          'app.enableSandbox() can only be called before app is ready',
          'app.md; electron_api_app.cc',
        );
      }
      world.record('app.enableSandbox');
    },
    disableHardwareAcceleration() {
      if (world.ready) {
        world.violate(
          'app.disableHardwareAcceleration() can only be called before app is ready',
          'app.md',
        );
      }
      world.record('app.disableHardwareAcceleration');
    },
    focus: (options) => world.record('app.focus', [options ?? null]),
    relaunch: (options) => world.record('app.relaunch', [options ?? null]),
    exit(code = 0) {
      world.record('app.exit', [code]);
      world.exit(code, 'app.exit');
    },
    quit() {
      world.record('app.quit');
      quit();
    },
    commandLine: {
      appendSwitch: (name, value) => world.record('app.commandLine.appendSwitch', [name, value]),
      hasSwitch: () => false,
      getSwitchValue: () => '',
    },
  });
  // Windows only: on other platforms Electron does not define it (electron_api_app.cc
  // `#if BUILDFLAG(IS_WIN)`), so calling it there is a TypeError, as here.
  if (config.platform === 'win32') {
    app.setAppUserModelId = (id) => world.record('app.setAppUserModelId', [id]);
  }
  if (config.platform === 'darwin') {
    app.dock = {
      setBadge: (text) => world.record('app.dock.setBadge', [text]),
      bounce: (type) => world.record('app.dock.bounce', [type ?? 'informational']),
      show: async () => world.record('app.dock.show'),
      hide: () => world.record('app.dock.hide'),
      setMenu: (menu) => world.record('app.dock.setMenu', [menu]),
    };
  }
  Object.defineProperty(app, 'isPackaged', { get: () => config.isPackaged, enumerable: true });

  /** The runtime's own start-up (lib/browser/init.ts, default-menu.ts), then `ready`. */
  world.becomeReady = () => {
    if (world.ready) return;
    app.emit('will-finish-launching');
    if (!world.appMenuSetByApp) defaultMenu();
    world.ready = true;
    world.record('lifecycle', ['ready']);
    app.emit('ready', preventableEvent(), {});
    resolveReady();
  };

  function quit() {
    if (world.quitting || world.exited) return;
    const event = preventableEvent();
    app.emit('before-quit', event);
    if (event.defaultPrevented) {
      world.record('lifecycle', ['quit prevented at before-quit']);
      return;
    }
    world.quitting = true;
    const open = world.windows.filter((win) => !win.isDestroyed());
    if (open.length === 0) {
      notifyAndShutdown();
      return;
    }
    for (const win of open) win.close();
  }

  function notifyAndShutdown() {
    const event = preventableEvent();
    app.emit('will-quit', event);
    if (event.defaultPrevented) {
      world.quitting = false;
      world.record('lifecycle', ['quit prevented at will-quit']);
      return;
    }
    app.emit('quit', preventableEvent(), 0);
    world.exit(0, 'app.quit');
  }

  /** Browser::OnWindowCloseCancelled: a prevented `close` ends the quit in progress. */
  world.onWindowCloseCancelled = () => {
    if (world.quitting) world.record('lifecycle', ['quit cancelled by a window']);
    world.quitting = false;
  };
  /** Browser::OnWindowAllClosed. */
  world.onAllWindowsClosed = () => {
    if (world.quitting) notifyAndShutdown();
    else if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
    else quit();
  };
  return app;
}
