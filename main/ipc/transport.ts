/**
 * Binds the desk to any transport: Electron IPC in the shell, Playwright's `exposeBinding`
 * in the e2e tests (which drive the real core without Electron). Pushes carry the whole
 * snapshot (design.md §2); requests go through the same dispatcher as IPC.
 */
import type { DeskLogger } from '../desk/logger';
import { nullLogger } from '../desk/logger';
import type { DeskResult, DeskSnapshot, SettingsView } from './contract';
import type { CommandHandlers, DeskCore } from './handlers';
import { dispatchCommand } from './handlers';
import { refused } from '../desk/summaries';

/** Where snapshots (and settings views) go. */
export interface DeskTransport {
  push(snapshot: DeskSnapshot): void;
  /** The settings view after a change (a policy re-read, a save). */
  pushSettings?(view: SettingsView): void;
}

/** What bindDesk needs of the settings service to push its views. */
export interface SettingsViewSource {
  onViewChange(listener: (view: SettingsView) => void): () => void;
}

/** A desk bound to one transport. */
export interface BoundDesk {
  /** Runs one request; never rejects. After `dispose`, answers refused not-available. */
  invoke(channel: string, payload: unknown): Promise<DeskResult<unknown>>;
  /** Stops the pushes (idempotent). */
  dispose(): void;
}

/**
 * Subscribes `transport` to the desk's (coalesced) snapshots and routes requests to the
 * handlers. A push that throws is logged and the next one is still sent: one failed
 * delivery must not silence the screen for the rest of the shift.
 */
export function bindDesk(
  desk: Pick<DeskCore, 'subscribe'>,
  handlers: CommandHandlers,
  transport: DeskTransport,
  logger: DeskLogger = nullLogger,
  settings?: SettingsViewSource,
): BoundDesk {
  let disposed = false;
  const pushSettings = transport.pushSettings?.bind(transport);
  const unsubscribeSettings =
    settings === undefined || pushSettings === undefined
      ? () => undefined
      : settings.onViewChange((view) => {
          if (disposed) return;
          try {
            pushSettings(view);
          } catch (error) {
            logger.error('ipc.settings-push-failed', {
              error: error instanceof Error ? error.message : String(error),
            });
          }
        });
  const unsubscribe = desk.subscribe((snapshot) => {
    if (disposed) return;
    try {
      transport.push(snapshot);
    } catch (error) {
      logger.error('ipc.push-failed', {
        seq: snapshot.seq,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
  return {
    async invoke(channel, payload) {
      if (disposed) {
        return refused('not-available', 'closed');
      }
      return dispatchCommand(handlers, channel, payload, logger);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      unsubscribeSettings();
    },
  };
}
