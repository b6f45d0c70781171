import { describe, expect, it } from 'vitest';
import { fitBounds, minimumWindowSize, windowOptions } from '../../main/shell/window-options';

const base = { preloadPath: '/app/out/preload/preload.cjs', bounds: null };

describe('windowOptions', () => {
  it('sets the STYLE.md §8 security baseline explicitly', () => {
    const web = windowOptions({ ...base, isDevelopment: false }).webPreferences;
    expect(web).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      backgroundThrottling: false,
      devTools: false,
    });
    expect(web).not.toHaveProperty('enableBlinkFeatures');
    expect(web).not.toHaveProperty('additionalArguments');
  });

  it('allows DevTools only in development', () => {
    expect(windowOptions({ ...base, isDevelopment: true }).webPreferences?.devTools).toBe(true);
    expect(windowOptions({ ...base, isDevelopment: false }).webPreferences?.devTools).toBe(false);
  });

  it('uses saved bounds and never goes below the minimum size', () => {
    const saved = { x: 10, y: 20, width: 300, height: 200, isMaximized: false };
    const options = windowOptions({ ...base, isDevelopment: false, bounds: saved });
    expect(options).toMatchObject({ x: 10, y: 20, ...minimumWindowSize, show: false });
    const big = { x: 0, y: 0, width: 1600, height: 1000, isMaximized: true };
    expect(windowOptions({ ...base, isDevelopment: false, bounds: big })).toMatchObject({
      width: 1600,
      height: 1000,
    });
  });
});

describe('fitBounds', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1040 };
  const saved = { x: 100, y: 100, width: 1200, height: 800, isMaximized: false };

  it('keeps bounds that are visible on a display', () => {
    expect(fitBounds(saved, [display])).toEqual(saved);
  });

  it('drops bounds left on an unplugged monitor', () => {
    expect(fitBounds({ ...saved, x: 2500 }, [display])).toBeNull();
    expect(fitBounds({ ...saved, x: 2500 }, [display, { ...display, x: 1920 }])).toEqual({
      ...saved,
      x: 2500,
    });
  });

  it('drops nonsense values', () => {
    expect(fitBounds({ ...saved, width: Number.NaN }, [display])).toBeNull();
    expect(fitBounds({ ...saved, height: 0 }, [display])).toBeNull();
    expect(fitBounds(null, [display])).toBeNull();
  });
});
