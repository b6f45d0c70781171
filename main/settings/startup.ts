/**
 * What must be decided before Electron's `ready`, from the policies and the agent's stored
 * settings: hardware acceleration (`app.disableHardwareAcceleration()` only works before
 * `ready`, so a change applies at the next start).
 */
import { readFileSync } from 'node:fs';
import { isPlainRecord } from './fields';
import { readPolicySync } from './policy/system';
import type { PolicySnapshot } from './policy/types';
import { defaultSettings, readStoredSettings } from './schema';

/** The agent's stored choices in the settings file, or none when it cannot be read. */
export function storedChoices(
  settingsFile: string,
  readFile: (path: string, encoding: 'utf8') => string = readFileSync,
): Record<string, unknown> {
  try {
    const file: unknown = JSON.parse(readFile(settingsFile, 'utf8'));
    const settings = isPlainRecord(file) ? file['settings'] : undefined;
    return isPlainRecord(settings) ? settings : {};
  } catch {
    // No file yet, or a damaged one (the store keeps it aside after ready): no choices.
    return {};
  }
}

/** Mandatory policy, else the agent's choice, else recommended policy, else on. */
export function hardwareAccelerationAtStart(
  policy: PolicySnapshot,
  stored: Record<string, unknown>,
): boolean {
  const own = readStoredSettings(stored).values;
  return (
    policy.mandatory.values.hardwareAcceleration ??
    own.hardwareAcceleration ??
    policy.recommended.values.hardwareAcceleration ??
    defaultSettings.hardwareAcceleration
  );
}

/** The policies read at start and what they decide before `ready`. */
export interface StartupPolicy {
  policy: PolicySnapshot;
  hardwareAcceleration: boolean;
}

/** Reads this host's policies (blocking: before `ready` only) and the stored choices. */
export function readStartupPolicy(settingsFile: string): StartupPolicy {
  const policy = readPolicySync();
  return {
    policy,
    hardwareAcceleration: hardwareAccelerationAtStart(policy, storedChoices(settingsFile)),
  };
}
