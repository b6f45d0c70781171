/**
 * The OS notification for a new preview (Electron only), shown from MAIN so the page needs
 * no notification permission. The renderer asks through `notifyAgent`; preview-alert.ts
 * decides whether to show it.
 *
 * A shown `Notification` must stay referenced: once garbage-collected, its `click` no longer
 * reaches us (and on macOS the notification leaves the Notification Centre) — Electron docs,
 * notification.md, `Notification.getHistory()` ("Unlike notifications created with
 * `new Notification()` … will remain visible … when the object is garbage collected").
 */
import { Notification, type BrowserWindow } from 'electron';
import type { DeskLogger } from '../desk/logger';
import type { DeskResult, DeskSettings, NotifyAgentRequest } from '../ipc/contract';
import { notificationText, notifySkip } from './preview-alert';

/** The part of a Notification the keeper needs. */
export interface KeptNotification {
  close(): void;
}

/**
 * Holds every shown notification until it can no longer be clicked, at most `limit` of
 * them: the oldest is closed (and so removed from the notification centre) when a newer one
 * would exceed the limit, so the agent never finds a notice whose click does nothing.
 */
export class NotificationKeeper<N extends KeptNotification> {
  readonly #live = new Set<N>();

  constructor(private readonly limit = 20) {}

  get size(): number {
    return this.#live.size;
  }

  keep(notification: N): void {
    this.#live.add(notification);
    for (const oldest of this.#live) {
      if (this.#live.size <= this.limit) break;
      this.#live.delete(oldest);
      oldest.close();
    }
  }

  release(notification: N): void {
    this.#live.delete(notification);
  }

  /**
   * On Windows a toast that times out (`reason: 'timedOut'`) moves to the Action Centre,
   * where it can still be clicked (notification.md "Event: 'close'"): keep it then.
   */
  static closeEndsIt(reason: string | undefined): boolean {
    return reason !== 'timedOut';
  }
}

/** Builds the `notifyAgent` host function handed to createAgentDesk. */
export function createNotifier(opts: {
  window(): BrowserWindow | null;
  settings(): DeskSettings;
  showWindow(): void;
  logger: DeskLogger;
}): (request: NotifyAgentRequest) => Promise<DeskResult<void>> {
  const keeper = new NotificationKeeper<Notification>();
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
    notification.on('click', () => {
      keeper.release(notification);
      opts.showWindow();
    });
    notification.on('close', (event) => {
      if (NotificationKeeper.closeEndsIt(event.reason)) keeper.release(notification);
    });
    notification.on('failed', (_event, error) => {
      keeper.release(notification);
      opts.logger.warn('shell:notification-failed', { error });
    });
    keeper.keep(notification);
    notification.show();
    return { ok: true, value: undefined };
  };
}
