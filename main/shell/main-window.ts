/**
 * The one desk window (Electron only): options from window-options.ts, guards from
 * security.ts, the UI from `app://desk` (or the Vite server in development).
 */
import { BrowserWindow, screen } from 'electron';
import type { DeskLogger } from '../desk/logger';
import { appIndexUrl } from './app-url';
import { guardWebContents } from './security';
import { fitBounds, windowOptions, type WindowBounds } from './window-options';

/** Options of {@link createMainWindow}. */
export interface MainWindowOptions {
  preloadPath: string;
  isDevelopment: boolean;
  devServerUrl: string | null;
  savedBounds: WindowBounds | null;
  saveBounds(bounds: WindowBounds): void;
  logger: DeskLogger;
}

/** The window's bounds to persist: the normal (un-maximized) rectangle plus the flag. */
export function currentBounds(win: BrowserWindow): WindowBounds {
  return { ...win.getNormalBounds(), isMaximized: win.isMaximized() };
}

/** Creates, guards and loads the desk window. It shows itself on its first paint. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const bounds = fitBounds(opts.savedBounds, workAreas);
  const win = new BrowserWindow(
    windowOptions({ preloadPath: opts.preloadPath, isDevelopment: opts.isDevelopment, bounds }),
  );
  guardWebContents(win.webContents, opts.devServerUrl, opts.logger);
  win.once('ready-to-show', () => {
    if (bounds?.isMaximized === true) win.maximize();
    win.show();
  });
  // The agent answers the preview, so stop flashing as soon as the window is looked at.
  win.on('focus', () => win.flashFrame(false));
  win.on('close', () => opts.saveBounds(currentBounds(win)));
  let reloads = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    // The renderer holds no state of its own (design.md §2): reloading it is lossless.
    // At most three times, so a renderer that crashes on start cannot loop forever.
    opts.logger.error('shell:renderer-gone', {
      reason: details.reason,
      exitCode: details.exitCode,
    });
    if (details.reason === 'clean-exit' || win.isDestroyed() || reloads >= 3) return;
    reloads += 1;
    win.webContents.reload();
  });
  const url = opts.devServerUrl ?? appIndexUrl;
  win.loadURL(url).catch((error: unknown) => {
    opts.logger.error('shell:window-load-failed', { url, error: String(error) });
  });
  return win;
}
