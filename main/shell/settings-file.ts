/**
 * The settings file's outer shape and its recovery (STYLE.md §8: "a file that fails is kept
 * aside, never silently deleted, and defaults are used, with a visible notice"). Pure apart
 * from the injected file system; checked before electron-store opens the file, because the
 * store throws on a file it cannot parse.
 */
import { basename, dirname, extname, join } from 'node:path';
import * as v from 'valibot';
import type { SettingsNotice } from '../ipc/contract';

const finite = v.pipe(v.number(), v.finite());

/** A JSON object (valibot's object schemas also accept arrays). */
function plainObject<S extends v.GenericSchema>(schema: S) {
  return v.pipe(
    v.custom<unknown>(
      (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
      'must be an object',
    ),
    schema,
  );
}

/** Saved window placement (main/shell/window-options.ts `WindowBounds`). */
export const windowBoundsSchema = v.object({
  x: finite,
  y: finite,
  width: v.pipe(finite, v.minValue(1)),
  height: v.pipe(finite, v.minValue(1)),
  isMaximized: v.boolean(),
});

/**
 * The whole file. `settings` is the agent's DeskSettings as the settings service saved
 * them: field-level checks and migrations are the service's (main/settings/schema.ts:
 * a bad field is dropped, not the file). `passwords` maps agent ID → safeStorage ciphertext
 * in base64, never plain text.
 */
export const storeFileSchema = plainObject(
  v.looseObject({
    settings: v.optional(plainObject(v.looseObject({}))),
    windowBounds: v.optional(windowBoundsSchema),
    passwords: v.optional(v.record(v.string(), v.pipe(v.string(), v.base64()))),
  }),
);

/** The parsed file. */
export type StoreFile = v.InferOutput<typeof storeFileSchema>;

/** Why a file's content cannot be used, or null when it can. */
export function checkStoreFile(text: string): string | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = v.safeParse(storeFileSchema, raw);
  if (parsed.success) return null;
  return parsed.issues
    .slice(0, 3)
    .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    .join('; ');
}

/** The file operations recovery needs (node:fs satisfies it). */
export interface RecoveryFs {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
  renameSync(from: string, to: string): void;
}

/** Outcome of {@link recoverSettingsFile}. */
export interface RecoveryResult {
  /** Set when the file was renamed aside; shown to the agent once. */
  notice: SettingsNotice | null;
  /** Why it was kept aside (for the log). */
  reason: string | null;
}

/** `settings.corrupt-20261126T142305123Z.json` beside the original. */
export function corruptFileName(path: string, epochMs: number): string {
  const ext = extname(path) || '.json';
  const stem = basename(path, extname(path));
  const stamp = new Date(epochMs).toISOString().replace(/[-:.]/g, '');
  return join(dirname(path), `${stem}.corrupt-${stamp}${ext}`);
}

/**
 * Checks the settings file at `path`. A missing file is fine (first start). A file that is
 * not JSON or fails {@link storeFileSchema} is renamed to `settings.corrupt-<stamp>.json`
 * (never deleted: support may need it), so the store then starts on defaults, and the
 * notice `{kind: 'corrupt-file-kept-aside', keptAs}` is returned. An unreadable file
 * (permissions) throws: starting on defaults would overwrite it on the next save.
 */
export function recoverSettingsFile(
  path: string,
  fs: RecoveryFs,
  now: () => number = Date.now,
): RecoveryResult {
  if (!fs.existsSync(path)) return { notice: null, reason: null };
  const reason = checkStoreFile(fs.readFileSync(path, 'utf8'));
  if (reason === null) return { notice: null, reason: null };
  let keptAs = corruptFileName(path, now());
  for (let n = 2; fs.existsSync(keptAs); n += 1) {
    keptAs = corruptFileName(path, now()).replace(/\.json$/, `-${n}.json`);
  }
  fs.renameSync(path, keptAs);
  return { notice: { kind: 'corrupt-file-kept-aside', keptAs }, reason };
}
