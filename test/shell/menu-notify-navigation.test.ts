import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate, hidesMenuBar } from '../../main/shell/app-menu';
import { NotificationKeeper } from '../../main/shell/notify';

const electron = vi.hoisted(() => ({ openExternal: vi.fn(async () => undefined) }));
vi.mock('electron', () => ({ shell: { openExternal: electron.openExternal } }));

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role === undefined ? [] : [item.role]),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label === undefined ? [] : [item.label]),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  const platforms: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

  it('never offers reload or the developer tools in an installed app', () => {
    for (const platform of platforms) {
      const found = roles(
        applicationMenuTemplate({ platform, locale: 'en', isDevelopment: false }),
      );
      expect(found, platform).not.toContain('reload');
      expect(found, platform).not.toContain('forceReload');
      expect(found, platform).not.toContain('toggleDevTools');
      expect(found, platform).not.toContain('viewMenu');
      expect(found, platform).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
    }
  });

  it('gives macOS the menus its keys live in: quit, hide, edit, minimize', () => {
    const found = roles(
      applicationMenuTemplate({ platform: 'darwin', locale: 'en', isDevelopment: false }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'quit',
        'hide',
        'undo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'minimize',
        'close',
      ]),
    );
  });

  it('keeps Windows and Linux to the zoom keys, with the bar hidden', () => {
    const template = applicationMenuTemplate({
      platform: 'win32',
      locale: 'en',
      isDevelopment: false,
    });
    expect(template).toHaveLength(1);
    expect(hidesMenuBar('win32')).toBe(true);
    expect(hidesMenuBar('linux')).toBe(true);
    expect(hidesMenuBar('darwin')).toBe(false);
  });

  it('adds reload and the developer tools in development only', () => {
    for (const platform of platforms) {
      const found = roles(applicationMenuTemplate({ platform, locale: 'en', isDevelopment: true }));
      expect(found, platform).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    }
  });

  it('labels every item in both languages, with no English left in Chinese', () => {
    for (const platform of platforms) {
      const en = labels(applicationMenuTemplate({ platform, locale: 'en', isDevelopment: true }));
      const zh = labels(
        applicationMenuTemplate({ platform, locale: 'zh-CN', isDevelopment: true }),
      );
      expect(zh).toHaveLength(en.length);
      const english = zh.filter((label) => /^[A-Za-z ]+$/.test(label) && label !== 'Agent Desk');
      expect(english, platform).toEqual([]);
    }
  });

  it('takes no key the desk uses (Ctrl+Enter, Ctrl+Shift+D, Ctrl+Shift+H, F1)', () => {
    const template = applicationMenuTemplate({
      platform: 'darwin',
      locale: 'en',
      isDevelopment: true,
    });
    const accelerators = JSON.stringify(template);
    for (const key of ['Enter', 'Shift+D', 'Shift+H', 'F1'])
      expect(accelerators).not.toContain(key);
  });
});

describe('NotificationKeeper', () => {
  function note() {
    return { close: vi.fn() };
  }

  it('holds a notification until it is clicked or closed by the agent', () => {
    const keeper = new NotificationKeeper<ReturnType<typeof note>>();
    const a = note();
    keeper.keep(a);
    expect(keeper.size).toBe(1);
    keeper.release(a);
    expect(keeper.size).toBe(0);
  });

  it('keeps a Windows toast that timed out: it is still clickable in the Action Centre', () => {
    expect(NotificationKeeper.closeEndsIt('timedOut')).toBe(false);
    expect(NotificationKeeper.closeEndsIt('userCanceled')).toBe(true);
    expect(NotificationKeeper.closeEndsIt(undefined)).toBe(true);
  });

  it('closes the oldest beyond its limit, so no kept notice is ever dead', () => {
    const keeper = new NotificationKeeper<ReturnType<typeof note>>(2);
    const [a, b, c] = [note(), note(), note()];
    keeper.keep(a);
    keeper.keep(b);
    keeper.keep(c);
    expect(keeper.size).toBe(2);
    expect(a.close).toHaveBeenCalledTimes(1);
    expect(b.close).not.toHaveBeenCalled();
  });
});

describe('navigation guard', () => {
  /** Electron 45 passes `details` first; the positional url is deprecated — left out here. */
  function navigate(contents: EventEmitter, event: string, url: string) {
    const details = {
      url,
      isMainFrame: true,
      isSameDocument: false,
      defaultPrevented: false,
      preventDefault() {
        details.defaultPrevented = true;
      },
    };
    contents.emit(event, details);
    return details.defaultPrevented;
  }

  it('reads the URL from the event object for will-navigate and will-redirect', async () => {
    const { guardWebContents } = await import('../../main/shell/security');
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    guardWebContents(contents as never, null, log);
    expect(navigate(contents, 'will-navigate', 'app://desk/index.html')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'app://desk/assets/x.js')).toBe(false);
    expect(navigate(contents, 'will-redirect', 'https://example.com/')).toBe(true);
    expect(log.warn).toHaveBeenCalledWith('shell:navigation-blocked', {
      url: 'https://example.com/',
    });
  });
});
