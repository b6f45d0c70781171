/**
 * Administrator defaults (design.md §8): a read-only JSON file installed beside the app or
 * system-wide, `{ "defaults": { … }, "locked": ["gatewayUrl", …] }`. Defaults replace the
 * built-in ones; locked fields cannot be changed by the agent.
 */
import { readFileSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import * as v from 'valibot';
import type { DeskSettings, SettingsKey, SettingsNotice } from '../ipc/contract';
import { describeIssue, plainObject, settingsKeys, settingsPatchSchema } from './fields';

/** What the admin files say, merged, and what went wrong reading them. */
export interface AdminDefaults {
  defaults: Partial<DeskSettings>;
  locked: SettingsKey[];
  notices: SettingsNotice[];
}

/** File name beside the executable. */
export const adminDefaultsFileName = 'agent-desk.defaults.json';

const adminFileSchema = plainObject(
  v.strictObject({
    // JSON has no comments: let administrators annotate the file.
    $comment: v.exactOptional(v.string('must be text')),
    defaults: v.exactOptional(settingsPatchSchema),
    locked: v.exactOptional(
      v.pipe(
        v.array(v.picklist(settingsKeys, 'must name a setting'), 'must be a list of setting names'),
        v.maxLength(settingsKeys.length * 2, 'lists too many settings'),
      ),
    ),
  }),
);

type ReadFile = (path: string, encoding: 'utf8') => string;

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads each path in order; later files override earlier ones field by field, and `locked`
 * lists are united (a later file cannot unlock what an earlier one locked). A missing file
 * is normal; an unreadable or invalid file is ignored as a whole — applying half of an
 * administrator's intent would be worse — and reported as a notice.
 */
export function loadAdminDefaults(
  paths: readonly string[],
  readFile: ReadFile = readFileSync,
): AdminDefaults {
  const defaults: Partial<DeskSettings> = {};
  const locked = new Set<SettingsKey>();
  const notices: SettingsNotice[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFile(path, 'utf8');
    } catch (error) {
      if (!isMissingFile(error)) {
        notices.push({ kind: 'admin-file-invalid', path, detail: errorText(error) });
      }
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      notices.push({ kind: 'admin-file-invalid', path, detail: `not JSON: ${errorText(error)}` });
      continue;
    }
    const parsed = v.safeParse(adminFileSchema, json, { abortEarly: true });
    if (!parsed.success) {
      notices.push({ kind: 'admin-file-invalid', path, detail: describeIssue(parsed.issues[0]) });
      continue;
    }
    Object.assign(defaults, parsed.output.defaults ?? {});
    for (const key of parsed.output.locked ?? []) locked.add(key);
  }
  return { defaults, locked: settingsKeys.filter((key) => locked.has(key)), notices };
}

/**
 * Where administrators put the file, lowest precedence first: beside the executable (the
 * installer's copy), then the system-wide one IT manages.
 */
export function adminDefaultsPaths(
  platform: NodeJS.Platform,
  exeDir: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (platform === 'win32') {
    const programData = env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData';
    return [
      win32.join(exeDir, adminDefaultsFileName),
      win32.join(programData, 'Agent Desk', 'defaults.json'),
    ];
  }
  const beside = posix.join(exeDir, adminDefaultsFileName);
  if (platform === 'darwin') {
    return [beside, '/Library/Application Support/Agent Desk/defaults.json'];
  }
  return [beside, '/etc/agent-desk/defaults.json'];
}
