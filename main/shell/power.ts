/**
 * OS sleep and lock (design.md §3: "Resume from OS sleep = reconnect + re-sync"). A locked
 * screen is NOT a sign-out: agents lock their PC between calls and must keep receiving
 * previews, so lock/unlock is only logged.
 */
import type { DeskLogger } from '../desk/logger';

/** The part of Electron's powerMonitor used here (an EventEmitter in tests). */
export interface PowerEvents {
  on(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
}

/** Wires suspend/resume/lock to the desk; returns the unwatch function. */
export function watchPower(
  monitor: PowerEvents,
  desk: { resume(): unknown },
  logger: DeskLogger,
): () => void {
  const listeners: Array<[string, () => void]> = [
    ['suspend', () => logger.info('shell:power-suspend')],
    [
      'resume',
      () => {
        logger.info('shell:power-resume');
        // The poll in flight died with the network: reconnect and re-sync now rather than
        // wait for its timeout (design.md §3 liveness).
        Promise.resolve(desk.resume()).catch((error: unknown) => {
          logger.error('shell:resume-failed', { error: String(error) });
        });
      },
    ],
    ['lock-screen', () => logger.info('shell:screen-locked')],
    ['unlock-screen', () => logger.info('shell:screen-unlocked')],
  ];
  for (const [event, listener] of listeners) monitor.on(event, listener);
  return () => {
    for (const [event, listener] of listeners) monitor.removeListener(event, listener);
  };
}
