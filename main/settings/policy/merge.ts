/**
 * Validates what the policy sources hold and merges it (issue #12 §2). Every value passes
 * the same schema as the agent's own settings (fields.ts); an invalid one is ignored and
 * reported by name, never by value — the rest of the policy still applies, as Chrome does.
 */
import type { DeskSettings, PolicyProblem, SettingsKey } from '../../ipc/contract';
import { isSettingsKey, settingsKeys } from '../fields';
import { isPolicyKey } from '../policy-fields';
import { parseSetting } from '../schema';
import type { PolicyLayer, PolicyReading, PolicySnapshot } from './types';

const lowerCaseKeys = new Map(settingsKeys.map((key) => [key.toLowerCase(), key]));

/** A name as an administrator wrote it, safe to show: no control characters, bounded. */
export function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 63)}…` : clean;
}

/** The setting a policy entry names, or null (registry names are case-insensitive). */
export function resolvePolicyName(name: string, caseInsensitive: boolean): SettingsKey | null {
  if (isSettingsKey(name)) return name;
  return caseInsensitive ? (lowerCaseKeys.get(name.toLowerCase()) ?? null) : null;
}

/** Drops the `key: ` prefix of a schema reason: the problem names the key on its own. */
function reasonOf(key: SettingsKey, reason: string): string {
  return reason.startsWith(`${key}: `) ? reason.slice(key.length + 2) : reason;
}

function emptyLayer(): PolicyLayer {
  return { values: {}, origins: {} };
}

function put<K extends SettingsKey>(
  layer: PolicyLayer,
  key: K,
  value: DeskSettings[K],
  origin: string,
): void {
  layer.values[key] = value;
  layer.origins[key] = origin;
}

/**
 * Merges readings given highest precedence first: within a level, the first source that
 * sets a field wins (the platform's policy before the legacy defaults file).
 */
export function mergeReadings(readings: readonly PolicyReading[]): PolicySnapshot {
  const layers = { mandatory: emptyLayer(), recommended: emptyLayer() };
  const problems: PolicyProblem[] = [];
  for (const reading of readings) {
    problems.push(...reading.problems);
    const layer = layers[reading.level];
    const seen = new Set<SettingsKey>();
    for (const { name, value } of reading.entries) {
      const problem = (detail: string): void => {
        problems.push({ origin: reading.origin, key: shownName(name), detail });
      };
      const key = resolvePolicyName(name, reading.caseInsensitive === true);
      if (key === null) {
        problem('unknown setting');
        continue;
      }
      if (!isPolicyKey(key)) {
        problem('cannot be set by policy');
        continue;
      }
      if (seen.has(key)) {
        problem('set more than once; the first is used');
        continue;
      }
      seen.add(key);
      const parsed = parseSetting(key, value);
      if (!parsed.ok) {
        problem(reasonOf(key, parsed.reason));
        continue;
      }
      if (!Object.hasOwn(layer.values, key)) put(layer, key, parsed.value, reading.origin);
    }
  }
  return { ...layers, problems };
}
