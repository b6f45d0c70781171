/**
 * A STAND-IN for an unpacked Electron 45 Linux distribution (the Electron binary cannot be
 * downloaded here): what electron-builder 26.17 reads from `electronDist` and what
 * @electron/fuses 1.8 writes, and nothing that pretends to run.
 *
 * - `electron`: the binary electron-builder renames to the executable
 *   (app-builder-lib electron/ElectronFramework.js `beforeCopyExtraFiles`). Its only real
 *   content is the fuse wire: the sentinel `dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX`, the wire
 *   version (1), the wire length, then one byte per fuse, '0' off / '1' on / 'r' removed
 *   (@electron/fuses dist/index.js `setFuseWire`, dist/constants.js). Electron 45 has nine
 *   fuses with these defaults (electron/electron build/fuses/fuses.json5, the ninth,
 *   wasm_trap_handlers, since v42): @electron/fuses 1.8 knows the first eight.
 * - `resources/default_app.asar`: a real (tiny) asar, because electron-builder hashes every
 *   `.asar` in resources for the integrity data (app-builder-lib asar/integrity.ts).
 * - `LICENSE`, `LICENSES.chromium.html`, `version`, `chrome-sandbox`, `locales/*.pak`: files
 *   of the real zip that electron-builder moves or copies (ElectronFramework.js
 *   `retainElectronLicenseFiles`); the rest of the zip (pak files, ICU data, V8 snapshots,
 *   libffmpeg) is only copied, so it is left out.
 */
import { createPackage } from '@electron/asar';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron 45's fuse defaults, in wire order (fuses.json5). */
export const electron45Fuses = '101100001';

/** Writes the stand-in distribution into `dir` (created). */
export async function writeStandInElectronDist(dir: string): Promise<void> {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('\x7fELF stand-in for the Electron 45.4.1 binary; it cannot run. '),
    Buffer.from(fuseSentinel, 'ascii'),
    Buffer.from([1, electron45Fuses.length]),
    Buffer.from(electron45Fuses, 'ascii'),
    Buffer.from(' end of stand-in\n'),
  ]);
  writeFileSync(join(dir, 'electron'), binary);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), 'stand-in\n');
  writeFileSync(join(dir, 'version'), '45.4.1');
  writeFileSync(join(dir, 'LICENSE'), 'Electron stand-in: MIT License text goes here.\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in\n');
  writeFileSync(join(dir, 'locales', 'zh-CN.pak'), 'stand-in\n');
  const app = mkdtempSync(join(tmpdir(), 'agent-desk-default-app-'));
  try {
    writeFileSync(join(app, 'package.json'), '{"name":"electron","main":"main.js"}\n');
    writeFileSync(join(app, 'main.js'), '// Electron default app stand-in\n');
    await createPackage(app, join(dir, 'resources', 'default_app.asar'));
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}
