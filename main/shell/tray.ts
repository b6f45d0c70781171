/**
 * The tray icon (Electron only): image and tooltip follow the agent state (tray-state.ts);
 * a click shows the window. Images are drawn once at start (icon-art.ts).
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { DeskSnapshot, Locale } from '../ipc/contract';
import { rasterize, trayShader } from './icon-art';
import { encodePng } from './png';
import { trayState, type TrayIconName, type TrayState } from './tray-state';

const trayNames: readonly TrayIconName[] = ['ready', 'busy', 'rest', 'offline'];

/** One image with 1× (16 px) and 2× (32 px) representations. */
function trayImage(name: TrayIconName): NativeImage {
  const image = nativeImage.createEmpty();
  for (const [size, scaleFactor] of [
    [16, 1],
    [32, 2],
  ] as const) {
    const buffer = encodePng(size, size, rasterize(size, trayShader(name)));
    image.addRepresentation({ scaleFactor, width: 16, height: 16, buffer });
  }
  return image;
}

/** The desk's tray icon. */
export interface DeskTray {
  update(snapshot: DeskSnapshot, locale: Locale): void;
  destroy(): void;
}

/** Creates the tray; `showWindow` is called on click and from the menu. */
export function createDeskTray(opts: {
  showWindow(): void;
  quit(): void;
  locale: Locale;
}): DeskTray {
  const images = new Map(trayNames.map((name) => [name, trayImage(name)] as const));
  const tray = new Tray(images.get('offline') ?? nativeImage.createEmpty());
  let shown: TrayState | null = null;
  const menu = (locale: Locale): Menu =>
    Menu.buildFromTemplate([
      { label: locale === 'en' ? 'Show Agent Desk' : '显示 Agent Desk', click: opts.showWindow },
      { type: 'separator' },
      { label: locale === 'en' ? 'Quit' : '退出', click: opts.quit },
    ]);
  tray.setContextMenu(menu(opts.locale));
  tray.setToolTip('Agent Desk');
  tray.on('click', opts.showWindow);
  let menuLocale = opts.locale;
  return {
    update(snapshot, locale) {
      const next = trayState(snapshot, locale);
      if (locale !== menuLocale) {
        tray.setContextMenu(menu(locale));
        menuLocale = locale;
      }
      // Snapshots arrive many times a second during a call: touch the OS only on a change.
      if (shown !== null && shown.icon === next.icon && shown.tooltip === next.tooltip) return;
      const image = images.get(next.icon);
      if (image !== undefined) tray.setImage(image);
      tray.setToolTip(next.tooltip);
      shown = next;
    },
    destroy: () => tray.destroy(),
  };
}
