/**
 * The one ipcMain wrapper (STYLE.md §2): every command channel is handled here, only for
 * our own page's main frame, and only through the guarded dispatcher.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import type { DeskLogger } from '../desk/logger';
import type { DeskResult } from './contract';
import { commandChannels } from './contract';
import type { CommandHandlers } from './handlers';
import { dispatchCommand } from './handlers';

/**
 * The origin of a URL as `scheme://host[:port]`, or null. Node's URL reports `"null"` as
 * the origin of non-special schemes such as `app:`, so it is rebuilt from its parts.
 */
function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: it has no origin, and the caller treats that as "not ours".
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.host === '') return null;
  if (parsed.origin !== 'null') return parsed.origin;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

/**
 * True when `url` belongs to `appOrigin`: parsed origins are compared, never prefixes
 * (threat: `app://desk.evil/` or `app://desk@evil/` passing a `startsWith` check).
 */
export function isAppOrigin(url: string, appOrigin = 'app://desk'): boolean {
  const origin = originOf(url);
  return origin !== null && origin === originOf(appOrigin);
}

/** The parts of a `WebFrameMain` the trust check reads (tests pass plain objects). */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly detached?: boolean;
  isDestroyed?(): boolean;
}

/**
 * A trust check for `registerIpcHandlers`: the sender must be a live main frame (threat:
 * an iframe or a stale frame from before a navigation) whose URL is one of `origins`
 * (production `app://desk`; in development also the Vite server's origin).
 */
export function trustedFrameCheck(
  origins: readonly string[],
): (frame: FrameLike | null) => boolean {
  return (frame) => {
    if (frame === null) return false;
    if (frame.isDestroyed?.() === true || frame.detached === true) return false;
    if (frame.parent !== null) return false;
    return origins.some((origin) => isAppOrigin(frame.url, origin));
  };
}

/** What an untrusted sender gets: a refusal that reveals nothing about the desk. */
const untrusted: DeskResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({
    kind: 'refused',
    reason: 'not-available',
    detail: 'untrusted sender',
  }),
}) as DeskResult<never>;

/** Options of `registerIpcHandlers`. */
export interface IpcHandlerOptions {
  isTrustedFrame(frame: WebFrameMain | null): boolean;
  logger: DeskLogger;
}

/**
 * Registers one `ipcMain.handle` per command channel; returns the function removing them.
 *
 * An untrusted sender is answered `refused / not-available` rather than `invalid-request`:
 * its request may be perfectly well-formed, and it must not learn which checks exist.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: CommandHandlers,
  opts: IpcHandlerOptions,
): () => void {
  const channels = Object.values(commandChannels);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      let trusted: boolean;
      try {
        trusted = opts.isTrustedFrame(event.senderFrame);
      } catch (error) {
        // A frame disposed mid-check throws on access: treat it as untrusted, and say so.
        opts.logger.warn('ipc.sender-check-failed', {
          channel,
          error: error instanceof Error ? error.message : String(error),
        });
        trusted = false;
      }
      if (!trusted) {
        opts.logger.warn('ipc.untrusted-sender', { channel });
        return untrusted;
      }
      return dispatchCommand(handlers, channel, payload, opts.logger);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
