/**
 * The OS ends the session (shutdown, restart, log-off): sign the agent out within the time
 * the OS allows, never hold the OS up with a question, and log what happened. Pure apart
 * from the injected event sources, so it is tested with EventEmitters and fake timers.
 *
 * - macOS and Linux: `powerMonitor` emits `shutdown`; `event.preventDefault()` makes
 *   Electron delay the shutdown and leaves quitting to the app (Electron docs,
 *   power-monitor.md "Event: 'shutdown'"; on macOS the OS's terminate request is then
 *   ignored, shell/browser/mac/electron_application.mm `willPowerOff:`; on Linux a logind
 *   delay lock is held, shell/browser/lib/power_observer_linux.cc, which logind honours
 *   for `InhibitDelayMaxSec`, 5 s by default). So: prevent, sign out within
 *   {@link sessionEndBudgetMs}, then quit with no quit question.
 * - Windows: the window emits `query-session-end`, then `session-end`, after which "the OS
 *   kills us" (shell/browser/native_window_views_win.cc, WM_ENDSESSION) and `before-quit`
 *   never comes (app.md "Event: 'before-quit'"). Preventing `query-session-end` would put up
 *   Windows' "this app is preventing shutdown" screen, so it is never prevented: the sign-out
 *   starts at `query-session-end`, the earliest moment, and is best effort.
 *
 * A live call is never hung up here: the agent did not ask for it, and the call itself
 * continues on the agent's phone. The desk stays signed in and the gateway signs the agent
 * out after its 120 s silence (gateway-protocol.md §2.3); the log says so.
 */
import type { DeskError, DeskResult, DeskSnapshot } from '../ipc/contract';
import type { DeskLogger } from '../desk/logger';
import { describeError } from '../desk/summaries';
import { withinBudget, realTimer, type SetTimer } from './budget';
import { hasLiveCall } from './quit-guard';

/** Within logind's default 5 s delay lock, with room for the quit itself. */
export const sessionEndBudgetMs = 4_000;

/** What a sign-out at session end did. */
export type SessionEndOutcome =
  | { kind: 'signed-out' }
  /** Signing in again by itself (issue #11) was stopped before it made a session. */
  | { kind: 'stopped-signing-in-again' }
  | { kind: 'not-signed-in' }
  | { kind: 'call-active' }
  | { kind: 'failed'; error: DeskError }
  | { kind: 'timed-out'; afterMs: number };

/** The desk operations a session-end sign-out needs. */
export interface SessionEndDesk {
  snapshot(): DeskSnapshot;
  signOut(): Promise<DeskResult<void>>;
}

/**
 * Signs out when signed in and not in a call, within `budgetMs`; while the desk signs in again
 * by itself, stops that (an attempt landing as the OS ends would leave a session nobody signs
 * out; the call shown is the last one known and goes on on the phone). Never throws.
 */
export async function signOutForSessionEnd(
  desk: SessionEndDesk,
  budgetMs: number = sessionEndBudgetMs,
  setTimer: SetTimer = realTimer,
): Promise<SessionEndOutcome> {
  const snapshot = desk.snapshot();
  const again = snapshot.session.phase === 'signing-in-again';
  if (snapshot.session.phase !== 'signed-in' && !again) return { kind: 'not-signed-in' };
  if (!again && hasLiveCall(snapshot)) return { kind: 'call-active' };
  try {
    const outcome = await withinBudget(desk.signOut(), budgetMs, setTimer);
    if (outcome.kind === 'timed-out') return { kind: 'timed-out', afterMs: budgetMs };
    if (!outcome.value.ok) return { kind: 'failed', error: outcome.value.error };
    return again ? { kind: 'stopped-signing-in-again' } : { kind: 'signed-out' };
  } catch (error) {
    return { kind: 'failed', error: { kind: 'internal', detail: String(error) } };
  }
}

/** The log fields of an outcome (no secrets: error descriptions are redacted summaries). */
export function outcomeFields(outcome: SessionEndOutcome): Record<string, string> {
  switch (outcome.kind) {
    case 'failed':
      return { outcome: outcome.kind, error: describeError(outcome.error) };
    case 'call-active':
      return { outcome: outcome.kind, note: 'left signed in; the gateway signs out after 120 s' };
    default:
      return { outcome: outcome.kind };
  }
}

/** Dependencies of the session-end watchers. */
export interface SessionEndDeps {
  desk: SessionEndDesk;
  /** The quit guard: after this, no quit question is asked. */
  guard: { leaveWithoutAsking(): void };
  quit(): void;
  logger: DeskLogger;
  budgetMs?: number;
  setTimer?: SetTimer;
}

/** A preventable event, as Electron passes it. */
export interface PreventableEvent {
  preventDefault(): void;
}

/**
 * The part of `powerMonitor` used here. Electron passes the preventable event (docs:
 * `e.preventDefault()`), though electron.d.ts 45 types the listener without arguments.
 */
export interface ShutdownSource {
  on(event: 'shutdown', listener: (event?: PreventableEvent) => void): unknown;
  removeListener(event: 'shutdown', listener: (event?: PreventableEvent) => void): unknown;
}

/** macOS and Linux: delay the shutdown, sign out, quit. Returns the unwatch function. */
export function watchShutdown(monitor: ShutdownSource, deps: SessionEndDeps): () => void {
  let started = false;
  const onShutdown = (event?: PreventableEvent): void => {
    // Delay the OS (within its limit) and quit ourselves once signed out.
    event?.preventDefault();
    deps.guard.leaveWithoutAsking();
    if (started) return;
    started = true;
    deps.logger.info('shell:os-shutdown');
    signOutForSessionEnd(deps.desk, deps.budgetMs, deps.setTimer)
      .then((outcome) => deps.logger.info('shell:os-shutdown-sign-out', outcomeFields(outcome)))
      .catch((error: unknown) =>
        deps.logger.error('shell:os-shutdown-sign-out', { error: String(error) }),
      )
      .finally(() => deps.quit());
  };
  monitor.on('shutdown', onShutdown);
  return () => monitor.removeListener('shutdown', onShutdown);
}

/** Electron's WindowSessionEndEvent (structures/window-session-end-event.md). */
export interface WindowSessionEndEvent extends PreventableEvent {
  reasons?: string[];
}

/** The part of a BrowserWindow used here. */
export interface SessionEndWindow {
  on(
    event: 'query-session-end' | 'session-end',
    listener: (event: WindowSessionEndEvent) => void,
  ): unknown;
  removeListener(
    event: 'query-session-end' | 'session-end',
    listener: (event: WindowSessionEndEvent) => void,
  ): unknown;
}

/** Windows: sign out as soon as the OS asks, never prevent it. Returns the unwatch function. */
export function watchWindowsSessionEnd(
  window: SessionEndWindow,
  deps: Omit<SessionEndDeps, 'quit' | 'guard'>,
): () => void {
  let outcome: SessionEndOutcome | null = null;
  let started = false;
  const start = (reasons: string[]): void => {
    if (started) return;
    started = true;
    deps.logger.info('shell:os-session-end-sign-out-started', { reasons: reasons.join(',') });
    signOutForSessionEnd(deps.desk, deps.budgetMs, deps.setTimer)
      .then((done) => {
        outcome = done;
        deps.logger.info('shell:os-session-end-sign-out', outcomeFields(done));
      })
      .catch((error: unknown) =>
        deps.logger.error('shell:os-session-end-sign-out', { error: String(error) }),
      );
  };
  const onQuery = (event: WindowSessionEndEvent): void => {
    // Never event.preventDefault(): that shows Windows' "preventing shutdown" screen.
    start(event.reasons ?? []);
  };
  const onEnd = (event: WindowSessionEndEvent): void => {
    start(event.reasons ?? []);
    deps.logger.info('shell:os-session-ending', {
      reasons: (event.reasons ?? []).join(','),
      signOut: outcome === null ? 'in flight' : outcome.kind,
    });
  };
  window.on('query-session-end', onQuery);
  window.on('session-end', onEnd);
  return () => {
    window.removeListener('query-session-end', onQuery);
    window.removeListener('session-end', onEnd);
  };
}
