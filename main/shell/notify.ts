/**
 * The OS notification for a new preview (Electron only), shown from MAIN so the page needs
 * no notification permission. The renderer asks through `notifyAgent`; preview-alert.ts
 * decides whether to show it.
 */
import { Notification, type BrowserWindow } from 'electron';
import type { DeskLogger } from '../desk/logger';
import type { DeskResult, DeskSettings, NotifyAgentRequest } from '../ipc/contract';
import { notificationText, notifySkip } from './preview-alert';

/** Builds the `notifyAgent` host function handed to createAgentDesk. */
export function createNotifier(opts: {
  window(): BrowserWindow | null;
  settings(): DeskSettings;
  showWindow(): void;
  logger: DeskLogger;
}): (request: NotifyAgentRequest) => Promise<DeskResult<void>> {
  return async (request) => {
    const win = opts.window();
    const skip = notifySkip({
      request,
      windowFocused: win !== null && !win.isDestroyed() && win.isFocused(),
      notifyOnPreview: opts.settings().notifyOnPreview,
      supported: Notification.isSupported(),
    });
    if (skip === 'unsupported') {
      return { ok: false, error: { kind: 'refused', reason: 'not-available', detail: skip } };
    }
    if (skip !== null) {
      opts.logger.info('shell:notification-skipped', { reason: skip });
      return { ok: true, value: undefined };
    }
    const text = notificationText(request);
    // silent: the renderer plays its own tone when soundOnPreview is on (one sound only).
    const notification = new Notification({ ...text, silent: true });
    notification.on('click', opts.showWindow);
    notification.on('failed', (_event, error) => {
      opts.logger.warn('shell:notification-failed', { error });
    });
    notification.show();
    return { ok: true, value: undefined };
  };
}
