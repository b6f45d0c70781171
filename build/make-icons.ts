/**
 * Writes the app icon (build/icon.png, 512 px: electron-builder derives .ico and .icns from
 * it) and the tray images (build/tray/*.png, for documentation and the installer; the app
 * draws its tray images at run time from the same code). Run: `npx tsx build/make-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { appIconShader, rasterize, trayShader } from '../main/shell/icon-art';
import { encodePng } from '../main/shell/png';
import type { TrayIconName } from '../main/shell/tray-state';

const here = new URL('.', import.meta.url);
writeFileSync(new URL('icon.png', here), encodePng(512, 512, rasterize(512, appIconShader())));
mkdirSync(new URL('tray/', here), { recursive: true });
for (const name of ['ready', 'busy', 'rest', 'offline'] satisfies TrayIconName[]) {
  for (const [size, suffix] of [
    [16, ''],
    [32, '@2x'],
  ] as const) {
    writeFileSync(
      new URL(`tray/${name}${suffix}.png`, here),
      encodePng(size, size, rasterize(size, trayShader(name))),
    );
  }
}
console.log('icons written to build/');
