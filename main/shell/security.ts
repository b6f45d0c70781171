/**
 * Window and session hardening (Electron only; STYLE.md §8). Each decision is a pure
 * function in navigation.ts; this file only attaches them to Electron's events.
 */
import { shell, type Session, type WebContents } from 'electron';
import type { DeskLogger } from '../desk/logger';
import { isAllowedNavigation, isSafeExternalUrl } from './navigation';

/**
 * Permissions the page may have. None: notifications are shown from MAIN with Electron's
 * `Notification` (notify.ts), the preview sound is WebAudio (no permission), and nothing
 * else (camera, microphone, geolocation, clipboard read, HID …) is used by the desk.
 */
export const allowedPermissions: ReadonlySet<string> = new Set<string>();

/** Denies every permission request and check on `session` (deny by default). */
export function denyPermissions(session: Session, logger: DeskLogger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const allowed = allowedPermissions.has(permission);
    if (!allowed) logger.warn('shell:permission-denied', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission) => allowedPermissions.has(permission));
  // deny: no device pickers (HID, serial, USB, Bluetooth) for the page.
  session.setDevicePermissionHandler(() => false);
}

/**
 * Guards one window's web contents: navigation only within our origin (or the Vite origin
 * in development), no new windows, no <webview>.
 */
export function guardWebContents(
  contents: WebContents,
  devServerUrl: string | null,
  logger: DeskLogger,
): void {
  // deny: a link or a compromised page must not take the bridge-holding window elsewhere.
  // The URL is read from the event object (`details.url`); the positional `url` argument is
  // deprecated (web-contents.md, "Event: 'will-navigate'" and "Event: 'will-redirect'").
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, devServerUrl)) return;
    event.preventDefault();
    logger.warn('shell:navigation-blocked', { url: event.url });
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, devServerUrl)) return;
    event.preventDefault();
    logger.warn('shell:redirect-blocked', { url: event.url });
  });
  // deny: the page must not open windows; an https link goes to the OS browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, logger);
    return { action: 'deny' };
  });
  // deny: <webview> is disabled (webviewTag false); refuse any attempt regardless.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('shell:webview-blocked');
  });
}

/**
 * Opens `url` in the OS browser only when it is `https:` (threat: `file:`, `smb:` or
 * registered protocol handlers launching local programs). Returns whether it was opened.
 */
export function openExternalSafely(url: string, logger: DeskLogger): boolean {
  if (!isSafeExternalUrl(url)) {
    logger.warn('shell:external-url-refused', { url });
    return false;
  }
  shell.openExternal(url).catch((error: unknown) => {
    logger.error('shell:external-url-failed', { url, error: String(error) });
  });
  return true;
}
