/**
 * Linux policies (issue #12 §2): `/etc/agent-desk/policies.json`, written by the
 * configuration management tool IT uses (example in build/policy/linux/):
 *
 * ```json
 * { "mandatory": { "gatewayUrl": "https://…" }, "recommended": { "theme": "dark" } }
 * ```
 *
 * Values are JSON values of the setting's type; lists are JSON arrays. `$comment` is
 * allowed at the top level (JSON has no comments).
 */
import { isPlainRecord } from '../fields';
import { shownName } from './merge';
import type { PolicySource, ProbeResult } from './probe';
import { unreadable } from './probe';
import type { PolicyLevel, PolicyReading } from './types';

export const linuxPolicyPath = '/etc/agent-desk/policies.json';

const levels: readonly PolicyLevel[] = ['mandatory', 'recommended'];

/** Parses JSON text; a problem says where it broke, never what the file holds. */
export function parseJsonText(
  text: string,
): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    // A byte-order mark is what Windows editors put first; JSON.parse refuses it.
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    const why = error instanceof SyntaxError ? error.message : String(error);
    return { ok: false, detail: `not JSON: ${why.slice(0, 120)}` };
  }
}

/**
 * A JSON policy file's top-level object, or the readings that say why there is none (a
 * missing file: none at all; anything else: one problem).
 */
export function readJsonObject(
  origin: string,
  result: ProbeResult,
): { ok: true; value: Record<string, unknown> } | { ok: false; readings: PolicyReading[] } {
  if (result.kind === 'missing') return { ok: false, readings: [] };
  if (result.kind === 'failed') return { ok: false, readings: unreadable(origin, result.detail) };
  if (result.kind !== 'text') {
    return { ok: false, readings: unreadable(origin, 'unexpected reader result') };
  }
  const json = parseJsonText(result.text);
  if (!json.ok) return { ok: false, readings: unreadable(origin, json.detail) };
  if (!isPlainRecord(json.value)) {
    return { ok: false, readings: unreadable(origin, 'must be a JSON object') };
  }
  return { ok: true, value: json.value };
}

/** The readings of policies.json. */
export function interpretPoliciesJson(origin: string, result: ProbeResult): PolicyReading[] {
  const json = readJsonObject(origin, result);
  if (!json.ok) return json.readings;
  const root = json.value;
  const readings: PolicyReading[] = [];
  const problems = Object.keys(root)
    .filter((name) => name !== '$comment' && !(levels as readonly string[]).includes(name))
    .map((name) => ({
      origin,
      key: shownName(name),
      detail: 'unknown section (expected mandatory or recommended)',
    }));
  for (const level of levels) {
    const section = root[level];
    if (section === undefined) continue;
    if (!isPlainRecord(section)) {
      problems.push({ origin, key: level, detail: 'must be an object of settings' });
      continue;
    }
    const entries = Object.entries(section).map(([name, value]) => ({ name, value }));
    readings.push({ origin, level, entries, problems: [] });
  }
  readings.push({ origin, level: 'mandatory', entries: [], problems });
  return readings;
}

export function linuxPolicySource(path: string = linuxPolicyPath): PolicySource {
  return {
    origin: path,
    probe: { kind: 'file', path },
    interpret: (result) => interpretPoliciesJson(path, result),
  };
}
