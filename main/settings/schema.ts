/**
 * The settings model: built-in defaults, the stored record's versions and a forgiving
 * parser. A stored file is the agent's own choices only (what differs from the defaults in
 * effect), so an administrator's later change of a default reaches every agent who never
 * touched that field.
 */
import * as v from 'valibot';
import type { DeskSettings, SettingsKey } from '../ipc/contract';
import { DEFAULT_AUTO_SIGN_IN_MINUTES, DEFAULT_POLL_TIMEOUT_SECONDS } from '../gateway/assumptions';
import { describeIssue, isPlainRecord, isSettingsKey, settingsFields } from './fields';

export { settingsFields, settingsKeys, settingsPatchSchema } from './fields';

/**
 * The built-in defaults (design.md §2–§3: poll gap 200 ms, countdown off; gateway-protocol
 * §4.1: poll timeout 40 s; §3.1: back to ready after a call; issue #11: sign in again by
 * itself for 10 minutes).
 */
export const defaultSettings: DeskSettings = Object.freeze({
  gatewayUrl: '',
  backupGatewayUrl: '',
  caFile: '',
  pinSha256: '',
  pollGapMs: 200,
  pollTimeoutSeconds: DEFAULT_POLL_TIMEOUT_SECONDS,
  afterCall: 'ready',
  autoSignInMinutes: DEFAULT_AUTO_SIGN_IN_MINUTES,
  countdownSeconds: 0,
  countdownAction: 'none',
  language: 'en',
  theme: 'system',
  notifyOnPreview: true,
  soundOnPreview: true,
  rememberedAgentId: '',
  rememberedPhone: '',
  hardwareAcceleration: true,
  // Example lists so the menus work out of the box; sites set their own by policy.
  notReadyReasons: [
    { code: 200, en: 'Meeting', zh: '会议' },
    { code: 201, en: 'Training', zh: '培训' },
    { code: 202, en: 'Coaching', zh: '辅导' },
    { code: 203, en: 'Paperwork', zh: '事务处理' },
    { code: 204, en: 'System problem', zh: '系统故障' },
  ],
  restReasons: [
    { code: 1, en: 'Break', zh: '小休' },
    { code: 2, en: 'Lunch', zh: '用餐' },
    { code: 3, en: 'Personal', zh: '个人事务' },
  ],
  restMinutes: [5, 10, 15, 30, 60],
  wrapUpMaxSeconds: 0,
  stayOnTop: false,
});

/** Version of the stored record this build writes. */
export const settingsVersion = 1;

/** What a backend stores: the version and the agent's own values (never the password). */
export type StoredSettings = { version: number } & Partial<DeskSettings>;

/** Result of reading a stored record: what is usable, and why the rest was dropped. */
export interface ParsedSettings<T> {
  values: T;
  /** One line per dropped field, `key: reason` (for the log; never the value). */
  dropped: string[];
}

/** Validates one setting; the value's type is the key's, so callers need no cast. */
export function parseSetting<K extends SettingsKey>(
  key: K,
  value: unknown,
): { ok: true; value: DeskSettings[K] } | { ok: false; reason: string } {
  const schema = settingsFields[key] as v.GenericSchema<unknown, DeskSettings[K]>;
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, reason: describeIssue(result.issues[0], key) };
}

function assign<K extends SettingsKey>(
  target: Partial<DeskSettings>,
  key: K,
  value: DeskSettings[K],
): void {
  target[key] = value;
}

/**
 * Keeps every valid field of a stored record and drops the others with a reason: one bad
 * field must not cost the agent the rest of their settings. `version` is metadata and
 * unknown keys are reported as dropped.
 */
export function parseStoredOverrides(raw: unknown): ParsedSettings<Partial<DeskSettings>> {
  const values: Partial<DeskSettings> = {};
  const dropped: string[] = [];
  if (raw === undefined || raw === null) return { values, dropped };
  if (!isPlainRecord(raw)) return { values, dropped: ['(record): not an object'] };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'version') continue;
    if (!isSettingsKey(key)) {
      dropped.push(`${key.slice(0, 40)}: unknown setting`);
      continue;
    }
    const parsed = parseSetting(key, value);
    if (parsed.ok) assign(values, key, parsed.value);
    else dropped.push(parsed.reason);
  }
  return { values, dropped };
}

/** Like `parseStoredOverrides`, with the built-in defaults filled in. */
export function parseStoredSettings(raw: unknown): ParsedSettings<DeskSettings> {
  const { values, dropped } = parseStoredOverrides(raw);
  return { values: { ...defaultSettings, ...values }, dropped };
}

/** The version a stored record declares; a record without one predates versioning (0). */
export function storedVersion(raw: unknown): number {
  if (!isPlainRecord(raw)) return settingsVersion;
  const version = raw['version'];
  return typeof version === 'number' && Number.isInteger(version) ? version : 0;
}

/**
 * Brings a stored record from `fromVersion` to `settingsVersion`, step by step. A record
 * from a newer build is left as it is: the parser keeps what it understands.
 * - v0 → v1: `gateway` was renamed `gatewayUrl`.
 */
export function migrateSettings(raw: unknown, fromVersion: number): unknown {
  if (!isPlainRecord(raw) || fromVersion >= settingsVersion) return raw;
  const record: Record<string, unknown> = { ...raw };
  if (fromVersion < 1) {
    if (Object.hasOwn(record, 'gateway')) {
      if (!Object.hasOwn(record, 'gatewayUrl')) record['gatewayUrl'] = record['gateway'];
      delete record['gateway'];
    }
  }
  record['version'] = settingsVersion;
  return record;
}

/** Migrates then parses what a backend loaded. */
export function readStoredSettings(raw: unknown): ParsedSettings<Partial<DeskSettings>> {
  return parseStoredOverrides(migrateSettings(raw, storedVersion(raw)));
}
