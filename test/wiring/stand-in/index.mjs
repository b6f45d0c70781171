// The Electron STAND-IN: a test double of the `electron` module for the main process, built
// from Electron 45's documentation and sources (each rule cites where it comes from). It
// records every call and throws where Electron throws. It is NOT Electron: no window is
// drawn, no page runs, no OS event is real — the test drives them (driver.mjs).
import { createApp } from './app.mjs';
import { createDesktop } from './desktop.mjs';
import { createWindows } from './windows.mjs';
import { createWorld } from './world.mjs';

/** Reads the stand-in's configuration from the environment the test set. */
export function configFromEnv(env) {
  return {
    platform: env.STAND_IN_PLATFORM || process.platform,
    isPackaged: env.STAND_IN_PACKAGED === '1',
    lockHeldElsewhere: env.STAND_IN_LOCK_HELD === '1',
    home: env.STAND_IN_HOME,
    appName: env.STAND_IN_APP_NAME || 'Agent Desk',
    appVersion: env.STAND_IN_APP_VERSION || '0.0.0',
    appPath: env.STAND_IN_APP_PATH || process.cwd(),
    executableName: env.STAND_IN_EXECUTABLE || 'agent-desk',
  };
}

/** Builds the module object `import … from 'electron'` resolves to, and its world. */
export function createElectronStandIn(config, send, exitProcess) {
  if (!config.home) throw new Error('electron stand-in: STAND_IN_HOME is not set');
  const world = createWorld(config, send, exitProcess);
  let desktop = null;
  const app = createApp(world, () => desktop.defaultMenu());
  const windows = createWindows(world, app);
  desktop = createDesktop(world, windows.BrowserWindow);
  const { defaultMenu: _internal, ...publicDesktop } = desktop;
  const module = {
    app,
    ...windows,
    ...publicDesktop,
    // Renderer-only modules are absent in the main process.
  };
  return { module, world };
}
