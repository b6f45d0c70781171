/**
 * The administrator's reason lists (issue #13 §2) as the agent reads them: each code by its
 * name in the current language, and a code the list does not know by its number (a reason a
 * supervisor or another desk set). Reason 3 of `saybusy` means "forced by an inspector"
 * (gateway-protocol.md §6.3).
 */
import type { ReasonEntry } from '../../main/ipc/contract';
import type { I18n } from './state/i18n.svelte';

/** §6.3: busy reason 3, "forced to show busy by an inspector". */
export const FORCED_BUSY_REASON = 3;

/** The entry's name in the current language. */
export function reasonName(entry: ReasonEntry, i18n: I18n): string {
  return i18n.textLang === 'zh' ? entry.zh : entry.en;
}

/** A code in words: its name from `list`, the supervisor note for 3, else "Reason N". */
export function reasonLabel(code: number, list: readonly ReasonEntry[], i18n: I18n): string {
  const entry = list.find((r) => r.code === code);
  if (entry) return reasonName(entry, i18n);
  if (code === FORCED_BUSY_REASON) return i18n.t('agent.reasonForced');
  return i18n.t('agent.reason', { reason: code });
}
