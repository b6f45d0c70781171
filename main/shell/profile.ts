/**
 * The agent's profile at start (Electron only): the settings file (recovered if bad), the
 * organisation's policies as read before `ready` (main/settings/policy/), the OS-encrypted
 * password vault, and — in development and test runs only — the simulator's gateway URL
 * and CA from the environment (shell-env.ts).
 */
import { app, safeStorage } from 'electron';
import type { DeskLogger } from '../desk/logger';
import type { PolicySnapshot } from '../settings/policy/types';
import { SettingsService } from '../settings/service';
import { createSafeStorageVault } from './password-vault';
import { openSettingsStore, type SettingsStore } from './settings-store';
import type { ShellEnv } from './shell-env';

/** The settings service and the store it sits on (the window keeps its bounds there). */
export interface Profile {
  settings: SettingsService;
  store: SettingsStore;
}

/** Opens the profile in `app.getPath('userData')`. Call after `ready` (safeStorage). */
export function openProfile(env: ShellEnv, logger: DeskLogger, policy: PolicySnapshot): Profile {
  const store = openSettingsStore(app.getPath('userData'), logger);
  const vault = createSafeStorageVault({
    cipher: safeStorage,
    store: store.passwords,
    platform: process.platform,
    logger,
  });
  const settings = new SettingsService({
    backend: store.backend,
    policy,
    notice: store.notice,
    vault,
  });
  if (settings.dropped.length > 0) {
    logger.warn('shell:settings-fields-dropped', { dropped: [...settings.dropped] });
  }
  const overrides = {
    ...(env.gatewayUrl === null ? {} : { gatewayUrl: env.gatewayUrl }),
    ...(env.caFile === null ? {} : { caFile: env.caFile }),
  };
  if (Object.keys(overrides).length > 0) {
    const applied = settings.update(overrides);
    if (applied.ok) logger.info('shell:dev-gateway-applied', overrides);
    else logger.error('shell:dev-gateway-refused', { error: applied.error });
  }
  return { settings, store };
}
