/**
 * Which policy sources a platform has, in precedence order, and how their readings become
 * one PolicySnapshot. Pure: the probes are run by system.ts (or by a test).
 */
import { adminDefaultsPath, adminDefaultsSource } from '../admin-defaults';
import { linuxPolicySource } from './linux';
import { macManagedSources } from './macos';
import { mergeReadings } from './merge';
import type { PolicySource, ProbeResult } from './probe';
import type { PolicySnapshot } from './types';
import { windowsRegistrySource } from './windows';

/** What decides the sources: the OS, its environment and the signed-in user. */
export interface PolicyPlatform {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** The OS user name (macOS per-user profiles). */
  user: string;
}

/**
 * The platform's own policy first, then the administrator defaults file: at each level
 * (mandatory, recommended) the first source that sets a field wins.
 */
export function policySources(host: PolicyPlatform): PolicySource[] {
  const defaultsFile = adminDefaultsSource(adminDefaultsPath(host.platform, host.env));
  switch (host.platform) {
    case 'win32':
      return [windowsRegistrySource(host.env), defaultsFile];
    case 'darwin':
      return [...macManagedSources(host.user), defaultsFile];
    default:
      return [linuxPolicySource(), defaultsFile];
  }
}

/** The snapshot from what each source's probe found (same order as `sources`). */
export function snapshotFrom(
  sources: readonly PolicySource[],
  results: readonly ProbeResult[],
): PolicySnapshot {
  return mergeReadings(
    sources.flatMap((source, i) =>
      source.interpret(results[i] ?? { kind: 'failed', detail: 'not read' }),
    ),
  );
}
