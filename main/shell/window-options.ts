/**
 * The one BrowserWindow's options, as a pure function so the security baseline
 * (STYLE.md §8) is asserted by unit tests rather than trusted.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

/** Saved window position and size (kept in the store beside DeskSettings, not in them). */
export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  isMaximized: boolean;
}

/** Inputs of {@link windowOptions}. */
export interface WindowOptionsInput {
  /** Absolute path of the built preload (out/preload/preload.cjs). */
  preloadPath: string;
  /** Development build (unpackaged): DevTools allowed. */
  isDevelopment: boolean;
  /** Last saved bounds, already checked by {@link fitBounds}, or null for the default. */
  bounds: WindowBounds | null;
  title?: string;
  /** Window icon (Linux/Windows taskbar); the packaged app uses the bundle icon. */
  icon?: BrowserWindowConstructorOptions['icon'];
}

/** Default and minimum sizes: the desk folds to one column down to ~400 px (issue #13 §7). */
export const defaultWindowSize = { width: 1280, height: 800 } as const;
export const minimumWindowSize = { width: 400, height: 520 } as const;

/** Builds the BrowserWindow options. Every security switch is explicit, never a default. */
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const size = input.bounds ?? defaultWindowSize;
  return {
    title: input.title ?? 'Agent Desk',
    ...(input.bounds ? { x: input.bounds.x, y: input.bounds.y } : {}),
    width: Math.max(size.width, minimumWindowSize.width),
    height: Math.max(size.height, minimumWindowSize.height),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    // Shown on ready-to-show: no white flash before the first paint.
    show: false,
    ...(input.icon === undefined ? {} : { icon: input.icon }),
    webPreferences: {
      preload: input.preloadPath,
      // The page reaches main only through the preload's one `window.desk` object.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Previews arrive while the window is in the background: timers (countdowns) and the
      // notification request must not be throttled.
      backgroundThrottling: false,
      devTools: input.isDevelopment,
    },
  };
}

/**
 * Keeps saved bounds only when they are sane and still visible on one of the current
 * displays (a monitor may have been unplugged since): at least 100×50 px of the window
 * must overlap a display's work area, else the default placement is used.
 */
export function fitBounds(saved: WindowBounds | null, workAreas: Rectangle[]): WindowBounds | null {
  if (saved === null) return null;
  const values = [saved.x, saved.y, saved.width, saved.height];
  if (!values.every(Number.isFinite) || saved.width <= 0 || saved.height <= 0) return null;
  const visible = workAreas.some((area) => {
    const overlapX =
      Math.min(saved.x + saved.width, area.x + area.width) - Math.max(saved.x, area.x);
    const overlapY =
      Math.min(saved.y + saved.height, area.y + area.height) - Math.max(saved.y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  return visible ? saved : null;
}
