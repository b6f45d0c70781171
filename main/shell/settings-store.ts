/**
 * The settings file on disk (electron-store, `<userData>/settings.json`): the agent's
 * DeskSettings, the window bounds beside them (shell-only, not a DeskSetting) and the
 * remembered password's ciphertext. Recovery of a bad file runs before the store opens it.
 */
import Store from 'electron-store';
import * as fs from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import type { SettingsNotice } from '../ipc/contract';
import type { DeskLogger } from '../desk/logger';
import type { StoredSettings } from '../settings/schema';
import type { SettingsBackend } from '../settings/service';
import type { CipherStore } from './password-vault';
import { recoverSettingsFile, windowBoundsSchema, type StoreFile } from './settings-file';
import type { WindowBounds } from './window-options';

/** The store's file name (without `.json`). */
export const settingsFileName = 'settings';

/** What the shell wires from the store. */
export interface SettingsStore {
  backend: SettingsBackend;
  /** Set when a bad file was kept aside on this start. */
  notice: SettingsNotice | null;
  windowBounds: { get(): WindowBounds | null; set(bounds: WindowBounds): void };
  passwords: CipherStore;
  path: string;
}

/**
 * Opens `<dir>/settings.json`, first renaming aside a file that is not JSON or fails the
 * file schema (the app then starts on defaults and shows the notice once).
 */
export function openSettingsStore(dir: string, logger: DeskLogger): SettingsStore {
  const path = join(dir, `${settingsFileName}.json`);
  const recovery = recoverSettingsFile(path, fs);
  if (recovery.notice !== null) {
    logger.warn('shell:settings-file-kept-aside', { reason: recovery.reason, ...recovery.notice });
  }
  const store = new Store<StoreFile>({ name: settingsFileName, cwd: dir });
  return {
    notice: recovery.notice,
    path: store.path,
    backend: {
      load: () => store.get('settings'),
      save: (record: StoredSettings) => store.set('settings', { ...record }),
    },
    windowBounds: {
      get() {
        const parsed = v.safeParse(windowBoundsSchema, store.get('windowBounds'));
        return parsed.success ? parsed.output : null;
      },
      set: (bounds) => store.set('windowBounds', bounds),
    },
    passwords: {
      get: () => ({ ...(store.get('passwords') ?? {}) }),
      set: (value) => store.set('passwords', value),
    },
  };
}
