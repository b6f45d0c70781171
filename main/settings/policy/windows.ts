/**
 * Windows policies (issue #12 §2): `HKLM\SOFTWARE\Policies\Agent Desk` is mandatory and
 * its subkey `Recommended` recommended, as the ADMX in build/policy/windows/ writes them.
 * Read with the system's reg.exe (no native module) and parsed by reg-query.ts.
 *
 * Value types (what the ADMX writes, and all the reader accepts):
 * - text and choices: REG_SZ, or REG_EXPAND_SZ with `%VARIABLE%`s expanded;
 * - whole numbers: REG_DWORD (REG_QWORD accepted);
 * - on/off: REG_DWORD 1 or 0;
 * - lists: REG_SZ holding a JSON array (e.g. `[{"code":201,"en":"Lunch","zh":"午餐"}]`).
 */
import { win32 } from 'node:path';
import type { PolicyProblem } from '../../ipc/contract';
import { policyShape, type PolicyShape } from '../policy-fields';
import { resolvePolicyName, shownName } from './merge';
import type { PolicySource, ProbeResult } from './probe';
import { hasReplacementCharacters, unreadable } from './probe';
import { parseRegQuery, type RegValue } from './reg-query';
import type { PolicyReading } from './types';

/** The mandatory key, as reg.exe prints it. */
export const windowsPolicyKey = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Agent Desk';
/** The recommended subkey's name. */
export const recommendedSubkey = 'Recommended';
export const windowsRecommendedKey = `${windowsPolicyKey}\\${recommendedSubkey}`;
/** The same key as ADMX files and `reg add` write it (under HKLM). */
export const policyRegistryPath = 'SOFTWARE\\Policies\\Agent Desk';

type Env = Readonly<Record<string, string | undefined>>;
type Converted = { ok: true; value: unknown } | { ok: false; detail: string };

function envValue(env: Env, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const found = Object.keys(env).find((key) => key.toLowerCase() === wanted);
  return found === undefined ? undefined : env[found];
}

/** `%ProgramData%\x` → `C:\ProgramData\x`; an unknown `%NAME%` is left as written (as Windows does). */
export function expandEnvironment(text: string, env: Env): string {
  return text.replace(/%([^%\r\n]+)%/g, (whole, name: string) => envValue(env, name) ?? whole);
}

/** A registry value as the JS value the setting's schema checks, or why it cannot be. */
export function fromRegistry(value: RegValue, shape: PolicyShape, env: Env): Converted {
  const isNumber = value.type === 'REG_DWORD' || value.type === 'REG_QWORD';
  switch (shape.type) {
    case 'string':
    case 'enum':
      if (value.type === 'REG_SZ') return { ok: true, value: value.data };
      if (value.type === 'REG_EXPAND_SZ') {
        return { ok: true, value: expandEnvironment(value.data, env) };
      }
      return { ok: false, detail: `must be REG_SZ text, not ${value.type}` };
    case 'integer':
      if (!isNumber) return { ok: false, detail: `must be a REG_DWORD number, not ${value.type}` };
      if (value.data > BigInt(Number.MAX_SAFE_INTEGER))
        return { ok: false, detail: 'is too large' };
      return { ok: true, value: Number(value.data) };
    case 'boolean':
      if (isNumber && (value.data === 0n || value.data === 1n)) {
        return { ok: true, value: value.data === 1n };
      }
      return { ok: false, detail: 'must be a REG_DWORD of 1 (on) or 0 (off)' };
    case 'list':
      if (value.type === 'REG_SZ') {
        try {
          return { ok: true, value: JSON.parse(value.data) as unknown };
        } catch {
          // Not JSON: the problem says what is expected (never the value itself).
          return { ok: false, detail: 'must be REG_SZ text holding a JSON array' };
        }
      }
      return { ok: false, detail: `must be REG_SZ text holding a JSON array, not ${value.type}` };
  }
}

function readingOf(
  origin: string,
  level: PolicyReading['level'],
  values: readonly RegValue[],
  env: Env,
): PolicyReading {
  const entries: Array<{ name: string; value: unknown }> = [];
  const problems: PolicyProblem[] = [];
  for (const value of values) {
    const key = resolvePolicyName(value.name, true);
    // Unknown names pass through as they are: the merge reports them by name.
    if (key === null) {
      entries.push({ name: value.name, value: value.data });
      continue;
    }
    let shape: PolicyShape;
    try {
      shape = policyShape(key);
    } catch {
      // A field no policy may set: the merge says so by name.
      entries.push({ name: value.name, value: value.data });
      continue;
    }
    const converted = fromRegistry(value, shape, env);
    if (converted.ok) entries.push({ name: value.name, value: converted.value });
    else problems.push({ origin, key: shownName(value.name), detail: converted.detail });
  }
  return { origin, level, entries, caseInsensitive: true, problems };
}

/** reg.exe answers 1 both for "no such key" (normal: nothing is managed) and for a refusal. */
function isRefusal(stderr: string): boolean {
  return /denied|拒绝/i.test(stderr);
}

/** What reg.exe printed, as the mandatory and recommended readings. */
export function interpretRegQuery(result: ProbeResult, env: Env): PolicyReading[] {
  const origin = windowsPolicyKey;
  if (result.kind === 'failed')
    return unreadable(origin, `reg.exe could not run: ${result.detail}`);
  if (result.kind !== 'exited') return [];
  if (result.code === 1 && result.stdout.trim() === '') {
    if (!isRefusal(result.stderr)) return [];
    return unreadable(origin, 'reg.exe was refused access to the policy key');
  }
  if (result.code !== 0) return unreadable(origin, `reg.exe ended with code ${result.code}`);
  const parse = parseRegQuery(result.stdout);
  const readings: PolicyReading[] = [];
  const problems: PolicyProblem[] = [];
  if (parse.unreadable.length > 0) {
    const n = parse.unreadable.length;
    problems.push({
      origin,
      key: null,
      detail: `${n} line(s) of reg.exe output were not understood`,
    });
  }
  if (hasReplacementCharacters(result.stdout)) {
    problems.push({
      origin,
      key: null,
      detail: 'reg.exe output was not UTF-8: values with non-ASCII characters may be wrong',
    });
  }
  for (const key of parse.keys) {
    const path = key.path.toLowerCase();
    if (path === windowsPolicyKey.toLowerCase()) {
      readings.push(readingOf(windowsPolicyKey, 'mandatory', key.values, env));
    } else if (path === windowsRecommendedKey.toLowerCase()) {
      readings.push(readingOf(windowsRecommendedKey, 'recommended', key.values, env));
    } else {
      problems.push({
        origin: key.path.slice(0, 200),
        key: null,
        detail: 'unknown subkey, ignored',
      });
    }
  }
  // Mandatory first: the merge gives the first reading of a level precedence.
  readings.sort((a, b) => (a.level === b.level ? 0 : a.level === 'mandatory' ? -1 : 1));
  if (problems.length > 0) readings.push({ origin, level: 'mandatory', entries: [], problems });
  return readings;
}

/**
 * The registry source. cmd switches its console to UTF-8 (`chcp 65001`) so reg.exe prints
 * non-ASCII paths and names as UTF-8 instead of the OEM code page; `/reg:64` reads the
 * 64-bit view the ADMX writes whatever the app's bitness. Both programs by full path.
 */
export function windowsRegistrySource(env: Env): PolicySource {
  const systemRoot = envValue(env, 'SystemRoot') ?? 'C:\\Windows';
  const system32 = win32.join(systemRoot, 'System32');
  const reg = win32.join(system32, 'reg.exe');
  const command = `chcp 65001>nul & "${reg}" query "${windowsPolicyKey}" /s /reg:64`;
  return {
    origin: windowsPolicyKey,
    probe: {
      kind: 'command',
      file: win32.join(system32, 'cmd.exe'),
      // /d: no AutoRun commands; /s /c "…": the outer quotes are stripped, the inner kept.
      args: ['/d', '/s', '/c', `"${command}"`],
      verbatimArgs: true,
    },
    interpret: (result) => interpretRegQuery(result, env),
  };
}
