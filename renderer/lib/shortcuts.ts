/**
/**
 * Desk shortcuts. Ctrl+Enter calls, Ctrl+Shift+D declines, Ctrl+Shift+N declines and goes
 * not ready, Ctrl+Shift+H hangs up: none of them is taken by Electron's default menus (Ctrl+H
 * alone is History in a browser and Hide on macOS, hence the Shift). F2 is the one key back
 * to ready (sayfree / cancelbusy / cancelrest, gateway-protocol §3.6) from wrap-up, rest or
 * not ready; Ctrl+Shift+E extends wrap-up once. F1 opens the help list.
 */
import type { MessageKey } from './i18n/en';

export type ShortcutAction =
  'call' | 'decline' | 'decline-not-ready' | 'hang-up' | 'ready' | 'extend-wrap-up' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** Key caps shown in the UI, e.g. ['Ctrl', 'Enter']. */
  keys: readonly string[];
  label: MessageKey;
}

export const shortcuts: readonly Shortcut[] = [
  { action: 'call', keys: ['Ctrl', 'Enter'], label: 'help.call' },
  { action: 'decline', keys: ['Ctrl', 'Shift', 'D'], label: 'help.decline' },
  { action: 'decline-not-ready', keys: ['Ctrl', 'Shift', 'N'], label: 'help.declineNotReady' },
  { action: 'hang-up', keys: ['Ctrl', 'Shift', 'H'], label: 'help.hangUp' },
  { action: 'ready', keys: ['F2'], label: 'help.ready' },
  { action: 'extend-wrap-up', keys: ['Ctrl', 'Shift', 'E'], label: 'help.extendWrapUp' },
  { action: 'help', keys: ['F1'], label: 'help.help' },
];

/** The key caps of a shortcut, for the buttons that show them. */
export function keysOf(action: ShortcutAction): readonly string[] {
  return shortcuts.find((s) => s.action === action)?.keys ?? [];
}

/**
 * The `aria-keyshortcuts` value of a shortcut (WAI-ARIA names: `Control+Shift+D`), so the
 * buttons' accessible names stay clean and assistive technology still learns the keys.
 */
export function ariaKeysOf(action: ShortcutAction): string {
  return keysOf(action)
    .map((key) => (key === 'Ctrl' ? 'Control' : key))
    .join('+');
}

/** Which shortcut a key press is, if any (Cmd counts as Ctrl on macOS). */
export function matchShortcut(event: KeyboardEvent): ShortcutAction | null {
  const ctrl = event.ctrlKey || event.metaKey;
  if (event.key === 'F1' && !ctrl && !event.altKey) return 'help';
  if (event.key === 'F2' && !ctrl && !event.altKey && !event.shiftKey) return 'ready';
  if (!ctrl || event.altKey) return null;
  if (event.key === 'Enter' && !event.shiftKey) return 'call';
  if (event.shiftKey && event.key.toLowerCase() === 'd') return 'decline';
  if (event.shiftKey && event.key.toLowerCase() === 'n') return 'decline-not-ready';
  if (event.shiftKey && event.key.toLowerCase() === 'h') return 'hang-up';
  if (event.shiftKey && event.key.toLowerCase() === 'e') return 'extend-wrap-up';
  return null;
}

/** Text fields keep their keys: digits typed there are not DTMF. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(
    target.type,
  );
}
