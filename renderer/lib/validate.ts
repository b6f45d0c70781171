/**
 * Input validation as the agent types. Each function answers the catalogue key of the
 * problem, or null when the value is fine. Ranges follow gateway-protocol.md (§1 agent ID
 * 101–999999, §3.1 phonenum ≤24, §3.9 busy reason 200–250, rest 1–86399 s, cause 0–255).
 */
import type { DeskSettings, SettingsKey } from '../../main/ipc/contract';
import type { MessageKey } from './i18n/en';

export type Problem = MessageKey | null;

export function checkAgentId(value: string): Problem {
  if (value === '') return 'validate.required';
  if (!/^[0-9]{1,6}$/.test(value)) return 'validate.agentId';
  const n = Number(value);
  return n >= 101 && n <= 999_999 ? null : 'validate.agentId';
}

export function checkPhone(value: string): Problem {
  if (value === '') return 'validate.required';
  return /^\+?[0-9]+$/.test(value) && value.length <= 24 ? null : 'validate.phone';
}

/** An empty password is allowed only when a saved one will be used. */
export function checkPassword(value: string, hasSaved: boolean): Problem {
  if (value === '') return hasSaved ? null : 'validate.required';
  return value.length <= 32 ? null : 'validate.password';
}

function wholeInRange(value: string, min: number, max: number): boolean {
  if (!/^[0-9]+$/.test(value.trim())) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/** `https://host[:port]` with no path: the client appends `/agentgateway/resource/`. */
export function checkGatewayUrl(value: string, required: boolean): Problem {
  if (value.trim() === '') return required ? 'validate.required' : null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch (error) {
    if (error instanceof TypeError) return 'validate.url';
    throw error;
  }
  const bare = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
  return url.protocol === 'https:' && url.hostname !== '' && bare ? null : 'validate.url';
}

export function checkPin(value: string): Problem {
  if (value.trim() === '') return null;
  return /^[0-9a-fA-F]{64}$/.test(value.trim().replace(/:/g, '')) ? null : 'validate.pin';
}

/** The settings form: strings as typed, converted on save. */
export type SettingsDraft = Omit<
  DeskSettings,
  'pollGapMs' | 'pollTimeoutSeconds' | 'countdownSeconds' | 'autoSignInMinutes'
> & {
  pollGapMs: string;
  pollTimeoutSeconds: string;
  countdownSeconds: string;
  autoSignInMinutes: string;
};

export type SettingsProblems = Partial<Record<SettingsKey, MessageKey>>;

export function checkSettings(draft: SettingsDraft): SettingsProblems {
  const problems: SettingsProblems = {};
  const put = (key: SettingsKey, problem: Problem): void => {
    if (problem) problems[key] = problem;
  };
  put('gatewayUrl', checkGatewayUrl(draft.gatewayUrl, false));
  put('backupGatewayUrl', checkGatewayUrl(draft.backupGatewayUrl, false));
  put('pinSha256', checkPin(draft.pinSha256));
  put('pollGapMs', wholeInRange(draft.pollGapMs, 50, 5000) ? null : 'validate.pollGap');
  // §4.1: the poll timeout must outlast the site's long-poll hold (settings field 15–600).
  put(
    'pollTimeoutSeconds',
    wholeInRange(draft.pollTimeoutSeconds, 15, 600) ? null : 'validate.pollTimeout',
  );
  // Issue #11: minutes of signing in again by itself, 0 = never.
  put(
    'autoSignInMinutes',
    wholeInRange(draft.autoSignInMinutes, 0, 120) ? null : 'validate.autoSignIn',
  );
  const countdown = draft.countdownSeconds.trim();
  const countdownOk = countdown === '0' || wholeInRange(countdown, 5, 600);
  put('countdownSeconds', countdownOk ? null : 'validate.countdown');
  return problems;
}

export function toDraft(values: DeskSettings): SettingsDraft {
  return {
    ...values,
    pollGapMs: String(values.pollGapMs),
    pollTimeoutSeconds: String(values.pollTimeoutSeconds),
    countdownSeconds: String(values.countdownSeconds),
    autoSignInMinutes: String(values.autoSignInMinutes),
  };
}

export function fromDraft(draft: SettingsDraft): DeskSettings {
  return {
    ...draft,
    gatewayUrl: draft.gatewayUrl.trim(),
    backupGatewayUrl: draft.backupGatewayUrl.trim(),
    caFile: draft.caFile.trim(),
    pinSha256: draft.pinSha256.trim(),
    pollGapMs: Number(draft.pollGapMs),
    pollTimeoutSeconds: Number(draft.pollTimeoutSeconds),
    countdownSeconds: Number(draft.countdownSeconds),
    autoSignInMinutes: Number(draft.autoSignInMinutes),
  };
}

/** DTMF keys the gateway accepts (§5.6 seconddialex). */
export const dtmfKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export function isDtmfKey(key: string): boolean {
  return key.length === 1 && '0123456789*#'.includes(key);
}

/**
 * A pasted string: separators people type in numbers (spaces, dashes, dots, brackets) are
 * dropped; anything else refuses the whole paste, because half a code sent to an IVR is
 * worse than none.
 */
export type PasteResult =
  { kind: 'digits'; digits: string } | { kind: 'refused'; chars: string } | { kind: 'empty' };

export function filterPaste(text: string): PasteResult {
  const stripped = text.replace(/[\s\-.()]/g, '');
  const bad = [...new Set(stripped.replace(/[0-9*#]/g, ''))];
  if (bad.length > 0) return { kind: 'refused', chars: bad.slice(0, 8).join(' ') };
  return stripped === '' ? { kind: 'empty' } : { kind: 'digits', digits: stripped };
}
