/**
 * The administrator defaults file (design.md §8), kept working beside the policies of
 * issue #12: `{ "defaults": { … }, "locked": ["gatewayUrl", …] }`. Its `defaults` are
 * recommended values and its `locked` fields mandatory (at the file's default, or the
 * built-in one when the file gives none). The platform's own policy (registry, profile,
 * policies.json) wins over it at each level.
 *
 * Read only from the system-wide location (issue #10 item 6): a file beside the executable
 * is deleted by every NSIS upgrade, and on macOS a file inside the app bundle breaks its
 * signature.
 */
import { posix, win32 } from 'node:path';
import type { PolicyProblem } from '../ipc/contract';
import { isPlainRecord, isSettingsKey } from './fields';
import { readJsonObject } from './policy/linux';
import { shownName } from './policy/merge';
import type { PolicySource, ProbeResult } from './policy/probe';
import { unreadable } from './policy/probe';
import type { PolicyReading } from './policy/types';
import { defaultSettings } from './schema';

const topLevel = new Set(['$comment', 'defaults', 'locked']);

/** The readings of one defaults file: `locked` as mandatory, the rest recommended. */
export function interpretDefaultsFile(origin: string, result: ProbeResult): PolicyReading[] {
  const json = readJsonObject(origin, result);
  if (!json.ok) return json.readings;
  const root = json.value;
  // A shape this file never had is refused whole: half of an administrator's intent
  // (e.g. the values without the locks) would be worse than none.
  const unknown = Object.keys(root).find((name) => !topLevel.has(name));
  if (unknown !== undefined) return unreadable(origin, `${shownName(unknown)}: unknown field`);
  const defaults = root['defaults'] ?? {};
  if (!isPlainRecord(defaults)) return unreadable(origin, 'defaults: must be an object');
  const lockedRaw = root['locked'] ?? [];
  if (!Array.isArray(lockedRaw) || lockedRaw.some((name) => typeof name !== 'string')) {
    return unreadable(origin, 'locked: must be a list of setting names');
  }
  const locked = new Set(lockedRaw as string[]);
  const problems: PolicyProblem[] = [];
  const mandatory: Array<{ name: string; value: unknown }> = [];
  for (const name of locked) {
    if (!isSettingsKey(name)) {
      problems.push({ origin, key: shownName(name), detail: 'locked: unknown setting' });
      continue;
    }
    const value = Object.hasOwn(defaults, name) ? defaults[name] : defaultSettings[name];
    mandatory.push({ name, value });
  }
  const recommended = Object.entries(defaults)
    .filter(([name]) => !locked.has(name))
    .map(([name, value]) => ({ name, value }));
  return [
    { origin, level: 'mandatory', entries: mandatory, problems },
    { origin, level: 'recommended', entries: recommended, problems: [] },
  ];
}

/** The system-wide file IT manages; never a per-user or per-install location. */
export function adminDefaultsPath(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (platform === 'win32') {
    const programData = env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData';
    return win32.join(programData, 'Agent Desk', 'defaults.json');
  }
  if (platform === 'darwin') return '/Library/Application Support/Agent Desk/defaults.json';
  return posix.join('/etc/agent-desk', 'defaults.json');
}

export function adminDefaultsSource(path: string): PolicySource {
  return {
    origin: path,
    probe: { kind: 'file', path },
    interpret: (result) => interpretDefaultsFile(path, result),
  };
}
