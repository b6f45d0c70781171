/**
 * When a new preview should draw the agent's attention (pure). The shell flashes the task
 * bar entry from snapshots; the OS notification comes only from the renderer's
 * `notifyAgent` request (it has the localized text and already applies `notifyOnPreview`),
 * so each preview yields at most one notification and one flash — never two notices.
 */
import type { DeskSnapshot, NotifyAgentRequest } from '../ipc/contract';

/** Control IDs in `next` that were not in `previous` (a first snapshot counts all). */
export function newPreviewIds(previous: DeskSnapshot | null, next: DeskSnapshot): string[] {
  const before = new Set(previous?.previews.map((p) => p.controlId) ?? []);
  return next.previews.map((p) => p.controlId).filter((id) => !before.has(id));
}

/** Flash the window frame: a preview arrived and the window does not have focus. */
export function shouldFlash(
  previous: DeskSnapshot | null,
  next: DeskSnapshot,
  windowFocused: boolean,
): boolean {
  return !windowFocused && newPreviewIds(previous, next).length > 0;
}

/** Why a notifyAgent request is not shown, or null when it is. */
export type NotifySkip = 'window-focused' | 'disabled' | 'unsupported' | null;

/**
 * Decides whether the renderer's request becomes an OS notification: only while the
 * window is not focused (the agent already sees the card otherwise), only when the agent
 * left `notifyOnPreview` on, and only where the OS supports notifications.
 */
export function notifySkip(opts: {
  request: NotifyAgentRequest;
  windowFocused: boolean;
  notifyOnPreview: boolean;
  supported: boolean;
}): NotifySkip {
  if (!opts.supported) return 'unsupported';
  if (!opts.notifyOnPreview) return 'disabled';
  if (opts.windowFocused) return 'window-focused';
  return null;
}

/** Title and body trimmed to what notification centres show (no call data beyond that). */
export function notificationText(request: NotifyAgentRequest): { title: string; body: string } {
  const clip = (text: string, max: number): string =>
    text.length <= max ? text : `${text.slice(0, max - 1)}…`;
  return { title: clip(request.title, 64), body: clip(request.body, 180) };
}
