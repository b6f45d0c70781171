/**
 * Field rules shared by the stored settings, the organisation's policies and the IPC guards.
 * Whether a policy may set a field, and how templates describe it, is in policy-fields.ts.
 *
 * Why valibot: schemas are small pure functions, tree-shakeable (the preload and main
 * bundles only carry the validators they use), typed end to end (a schema's output type is
 * checked against the contract's request type) and one schema per command keeps each rule
 * next to its reason. Every message is written here and never repeats the received value:
 * a rejected payload may hold a password or a megabyte of junk, and details reach logs.
 */
import { posix, win32 } from 'node:path';
import * as v from 'valibot';
import type {
  AfterCall,
  CountdownAction,
  DeskSettings,
  Locale,
  ReasonEntry,
  SettingsKey,
  Theme,
} from '../ipc/contract';
import {
  AUTO_SIGN_IN_MINUTES_MAX,
  AUTO_SIGN_IN_MINUTES_MIN,
  BUSY_REASON_MAX,
  BUSY_REASON_MIN,
  PASSWORD_MAX_LENGTH,
  PHONE_MAX_LENGTH,
  POLL_TIMEOUT_SECONDS_MAX,
  POLL_TIMEOUT_SECONDS_MIN,
  REST_CAUSE_MAX,
  REST_SECONDS_MAX,
} from '../gateway/assumptions';
import { checkAgentId } from '../gateway/validate';

/** A schema whose output is `T`, whatever its input (payloads arrive as `unknown`). */
export type Schema<T> = v.GenericSchema<unknown, T>;

/** True for `{}`-like objects: arrays, dates, maps and class instances are refused. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Agent ID: the work number, digits 101–999999 (gateway-protocol.md §1.1, 2025 range). */
export function isAgentId(value: string): boolean {
  return checkAgentId(value) === null;
}

/** Phone bound at sign-in: ≤ 24 characters (§3.1 `phonenum`), printable, no spaces. */
export function isPhone(value: string): boolean {
  return /^[\x21-\x7e]{1,24}$/.test(value);
}

/**
 * Gateway address: `https://host[:port]` with no credentials, path, query or fragment,
 * because the client appends `/agentgateway/resource/` itself (§1.1: HTTPS only).
 */
export function isGatewayUrl(value: string): boolean {
  if (value.length > 2048 || value !== value.trim()) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not a URL at all: the answer is "not a gateway address" (the caller reports it).
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    !value.endsWith('?') &&
    !value.endsWith('#')
  );
}

/** SHA-256 pin of the gateway certificate: 64 hex digits, optionally colon-separated pairs. */
export function isPinSha256(value: string): boolean {
  return /^(?:[0-9a-f]{64}|(?:[0-9a-f]{2}:){31}[0-9a-f]{2})$/i.test(value);
}

/** CA file path: absolute (a relative path would depend on the working directory), no NUL. */
export function isCaFilePath(value: string): boolean {
  return (
    value.length <= 1024 &&
    !value.includes('\0') &&
    (posix.isAbsolute(value) || win32.isAbsolute(value))
  );
}

const text = (): v.StringSchema<string> => v.string('must be text');

/** A whole number in `[min, max]`; NaN, ±Infinity and fractions fail. */
export function intRange(min: number, max: number): Schema<number> {
  return v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
}

/** A string checked by `rule`; the length cap runs first so huge strings fail fast. */
function textRule(
  maxLength: number,
  rule: (s: string) => boolean,
  message: string,
): Schema<string> {
  return v.pipe(
    text(),
    v.maxLength(maxLength, `must be at most ${maxLength} characters`),
    v.check(rule, message),
  );
}

export const agentIdSchema = textRule(6, isAgentId, 'must be an agent ID of digits 101–999999');
export const phoneSchema = textRule(
  PHONE_MAX_LENGTH,
  isPhone,
  'must be 1–24 characters without spaces',
);
/** §3.1: the CTI password is at most 32 characters; empty means "use the saved one". */
export const passwordSchema: Schema<string> = v.pipe(
  text(),
  v.maxLength(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
);
export const optionalAgentIdSchema = textRule(
  6,
  (s) => s === '' || isAgentId(s),
  'must be empty or an agent ID of digits 101–999999',
);
export const optionalPhoneSchema = textRule(
  24,
  (s) => s === '' || isPhone(s),
  'must be empty or 1–24 characters without spaces',
);
export const gatewayUrlSchema = textRule(
  2048,
  (s) => s === '' || isGatewayUrl(s),
  'must be empty or an https:// address without a path, e.g. https://gateway:8043',
);
export const caFileSchema = textRule(
  1024,
  (s) => s === '' || isCaFilePath(s),
  'must be empty or the absolute path of a PEM file',
);
export const pinSchema = textRule(
  95,
  (s) => s === '' || isPinSha256(s),
  'must be empty or a SHA-256 fingerprint (64 hex digits, colons allowed)',
);

const booleanSchema = (): Schema<boolean> => v.boolean('must be true or false');

/** A reason's name in one language: shown in a menu and the status bar, so short and one line. */
const reasonName = (language: string): Schema<string> =>
  v.pipe(
    text(),
    v.minLength(1, `${language} name must not be empty`),
    v.maxLength(40, `${language} name must be at most 40 characters`),
    v.check(
      (s) => s.trim() === s && [...s].every((ch) => ch >= ' ' && ch !== '\u007f'),
      `${language} name must be one plain line`,
    ),
  );

/**
 * An administrator's reason list (issue #13 §2): codes in `[min, max]`, each code once (the
 * gateway reports only the code, so two names for one code could not be told apart).
 */
function reasonList(min: number, max: number): Schema<ReasonEntry[]> {
  return v.pipe(
    v.array(
      plainObject(
        v.strictObject({
          code: intRange(min, max),
          en: reasonName('English'),
          zh: reasonName('Chinese'),
        }),
      ),
      'must be a list of {code, en, zh}',
    ),
    v.maxLength(max - min + 1, `must have at most ${max - min + 1} reasons`),
    v.check((list) => new Set(list.map((r) => r.code)).size === list.length, 'codes must differ'),
  );
}

/** Rest durations offered, in whole minutes within rest/{time}'s 1–86399 s (§3.6). */
const restMinutesSchema: Schema<number[]> = v.pipe(
  v.array(intRange(1, Math.floor(REST_SECONDS_MAX / 60)), 'must be a list of minutes'),
  v.minLength(1, 'must offer at least one duration'),
  v.maxLength(12, 'must offer at most 12 durations'),
  v.check((list) => new Set(list).size === list.length, 'durations must differ'),
);

/** One schema per setting, checked against `DeskSettings` by `satisfies`. */
export const settingsFields = {
  gatewayUrl: gatewayUrlSchema,
  backupGatewayUrl: gatewayUrlSchema,
  caFile: caFileSchema,
  pinSha256: pinSchema,
  // Vendor guide: re-poll 200 ms after an empty reply; below 50 ms is a busy loop.
  pollGapMs: intRange(50, 5000),
  // §4.1: must exceed the site's long-poll hold; below 15 s even the default 10 s hold is
  // cut close, and past 10 minutes a dead link would go unnoticed too long.
  pollTimeoutSeconds: intRange(POLL_TIMEOUT_SECONDS_MIN, POLL_TIMEOUT_SECONDS_MAX),
  // §3.1: the releasephone/autoenteridle pair sent at sign-in.
  afterCall: v.picklist(
    ['ready', 'wrap-up'] as const satisfies readonly AfterCall[],
    'must be ready or wrap-up',
  ),
  // Issue #11: how long the desk signs in again by itself after a lost session; 0 = never.
  autoSignInMinutes: intRange(AUTO_SIGN_IN_MINUTES_MIN, AUTO_SIGN_IN_MINUTES_MAX),
  countdownSeconds: intRange(0, 600),
  countdownAction: v.picklist(
    ['none', 'dial-first', 'decline'] as const satisfies readonly CountdownAction[],
    'must be none, dial-first or decline',
  ),
  language: v.picklist(['en', 'zh-CN'] as const satisfies readonly Locale[], 'must be en or zh-CN'),
  theme: v.picklist(
    ['system', 'light', 'dark'] as const satisfies readonly Theme[],
    'must be system, light or dark',
  ),
  notifyOnPreview: booleanSchema(),
  soundOnPreview: booleanSchema(),
  rememberedAgentId: optionalAgentIdSchema,
  rememberedPhone: optionalPhoneSchema,
  hardwareAcceleration: booleanSchema(),
  // §3.6, §6.3: saybusy reasons 200–250 are business-defined; rest causes 0–255.
  notReadyReasons: reasonList(BUSY_REASON_MIN, BUSY_REASON_MAX),
  restReasons: reasonList(0, REST_CAUSE_MAX),
  restMinutes: restMinutesSchema,
  // An hour at most: the platform's own longest wrap-up (maxAgentWrapupTime) is 3600 s.
  wrapUpMaxSeconds: intRange(0, 3600),
  stayOnTop: booleanSchema(),
} satisfies { [K in SettingsKey]: Schema<DeskSettings[K]> };

/** Every settings key, in display order. */
export const settingsKeys = Object.keys(settingsFields) as SettingsKey[];

/** True when `key` names a setting (own keys only: `__proto__` and friends are not). */
export function isSettingsKey(key: string): key is SettingsKey {
  return Object.hasOwn(settingsFields, key);
}

/**
 * Wraps an object schema so only plain objects reach it: valibot's object check accepts
 * arrays, dates and maps (`typeof x === 'object'`), and reads inherited keys.
 */
export function plainObject<TSchema extends v.GenericSchema<Record<string, unknown>, unknown>>(
  schema: TSchema,
): Schema<v.InferOutput<TSchema>> {
  return v.pipe(v.custom<Record<string, unknown>>(isPlainRecord, 'must be an object'), schema);
}

/**
 * A partial settings patch: each key optional but, when present, valid; others refused.
 * Built from `settingsFields`, so a new setting is accepted here as soon as it has a rule.
 */
export const settingsPatchSchema: Schema<Partial<DeskSettings>> = plainObject(
  v.strictObject(
    Object.fromEntries(settingsKeys.map((key) => [key, v.exactOptional(settingsFields[key])])) as {
      [K in SettingsKey]: v.ExactOptionalSchema<(typeof settingsFields)[K], undefined>;
    },
  ),
);

const maxDetailLength = 160;

/**
 * A short human reading of a validation issue: `path: message`. Never includes the
 * received value (it may be a password or huge); truncated so a junk key cannot bloat it.
 * `field` prefixes the path when the schema validated one field on its own.
 */
export function describeIssue(issue: v.BaseIssue<unknown>, field?: string): string {
  const inner = v.getDotPath(issue) ?? '';
  const path = field === undefined ? inner : inner === '' ? field : `${field}.${inner}`;
  const last = issue.path?.[issue.path.length - 1];
  let message = issue.message;
  if (issue.type === 'strict_object' && last?.origin === 'key') {
    message = issue.expected === 'never' ? 'unknown field' : 'is required';
  }
  const detail = path === '' ? `payload ${message}` : `${path}: ${message}`;
  return detail.length > maxDetailLength ? `${detail.slice(0, maxDetailLength - 1)}…` : detail;
}
