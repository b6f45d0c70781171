/**
 * Quitting while signed in asks first: the gateway would otherwise keep the agent signed in
 * (and offered calls) until its 120 s silence sign-out (gateway-protocol.md §2.3). The
 * decision and the flow are pure; index.ts supplies the dialog and app.quit().
 */
import type { DeskResult, DeskSnapshot, Locale } from '../ipc/contract';
import type { DeskLogger } from '../desk/logger';
import { isCallActive } from '../desk/call-machine';

/** What the agent chose in the quit dialog. */
export type QuitChoice = 'sign-out-and-quit' | 'quit-anyway' | 'cancel';

/** Quit at once, or ask first. */
export type QuitDecision = 'quit-now' | 'ask';

/** Ask when a session exists or is being made; a signed-out desk quits at once. */
export function quitDecision(snapshot: DeskSnapshot): QuitDecision {
  return snapshot.session.phase === 'signed-in' || snapshot.session.phase === 'signing-in'
    ? 'ask'
    : 'quit-now';
}

/** The buttons in dialog order; `cancelId` is the last one (Esc and closing the box). */
export const quitChoices: readonly QuitChoice[] = ['sign-out-and-quit', 'quit-anyway', 'cancel'];

/** The dialog's text (message box options minus the parent window). */
export interface QuitDialog {
  type: 'question';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  title: string;
  message: string;
  detail: string;
  noLink: true;
}

/** Dialog text in the agent's language; the default button signs out properly. */
export function quitDialog(locale: Locale, onCall: boolean): QuitDialog {
  const en = locale === 'en';
  return {
    type: 'question',
    buttons: en
      ? ['Sign out and quit', 'Quit anyway', 'Cancel']
      : ['签出并退出', '直接退出', '取消'],
    defaultId: 0,
    cancelId: 2,
    title: 'Agent Desk',
    message: en ? 'You are still signed in.' : '您仍处于签入状态。',
    detail: en
      ? `${onCall ? 'A call is in progress: signing out ends it first. ' : ''}If you quit without signing out, the gateway keeps you signed in for up to two minutes and may still offer you calls.`
      : `${onCall ? '当前有通话：签出会先结束通话。' : ''}若不签出直接退出，网关会在最多两分钟内保持您的签入状态，并可能继续为您分配呼叫。`,
    noLink: true,
  };
}

/** Maps the message box's button index to a choice; anything unexpected cancels. */
export function quitChoiceFromResponse(response: number): QuitChoice {
  return quitChoices[response] ?? 'cancel';
}

/** What the guard needs from the app. */
export interface QuitGuardDeps {
  snapshot(): DeskSnapshot;
  ask(snapshot: DeskSnapshot): Promise<QuitChoice>;
  signOut(): Promise<DeskResult<void>>;
  /** Calls app.quit() again; the guard then answers `true`. */
  quit(): void;
  logger: DeskLogger;
}

/**
 * Gate for `before-quit` and the window's `close`: `request()` answers true when the quit
 * may go on now; false means "prevent it" — the guard asks (once, however many quit events
 * arrive meanwhile) and calls `quit()` itself when the agent confirms.
 */
export class QuitGuard {
  #state: 'idle' | 'asking' | 'allowed' = 'idle';

  constructor(private readonly deps: QuitGuardDeps) {}

  /** True when quitting may proceed; false when the caller must preventDefault(). */
  request(): boolean {
    if (this.#state === 'allowed') return true;
    if (this.#state === 'asking') return false;
    const snapshot = this.deps.snapshot();
    if (quitDecision(snapshot) === 'quit-now') {
      this.#state = 'allowed';
      return true;
    }
    this.#state = 'asking';
    this.#ask(snapshot).catch((error: unknown) => {
      // The dialog itself failed: stay open (never quit a signed-in agent unasked).
      this.#state = 'idle';
      this.deps.logger.error('shell:quit-dialog-failed', { error: String(error) });
    });
    return false;
  }

  async #ask(snapshot: DeskSnapshot): Promise<void> {
    const choice = await this.deps.ask(snapshot);
    this.deps.logger.info('shell:quit-choice', { choice });
    if (choice === 'cancel') {
      this.#state = 'idle';
      return;
    }
    if (choice === 'sign-out-and-quit') {
      const result = await this.deps.signOut();
      if (!result.ok) {
        // Quit anyway: the agent asked to leave; the gateway ends the session after 120 s.
        this.deps.logger.warn('shell:sign-out-before-quit-failed', { error: result.error });
      }
    }
    this.#state = 'allowed';
    this.deps.quit();
  }
}

/** The desk operations a sign-out before quitting needs. */
export interface QuitDesk {
  snapshot(): DeskSnapshot;
  subscribe(listener: (snapshot: DeskSnapshot) => void): () => void;
  hangUp(): Promise<DeskResult<void>>;
  signOut(): Promise<DeskResult<void>>;
}

/** True while a call is up or being set up: the core's own rule (call-machine.ts). */
export function hasLiveCall(snapshot: DeskSnapshot): boolean {
  return isCallActive(snapshot.call);
}

/**
 * "Sign out and quit": the desk refuses to sign out during a call (`call-active`), so a live
 * call is hung up first and the sign-out waits for the release event (the call ends on
 * events, design.md §2) — at most `waitMs`, then it is tried anyway and its answer returned.
 */
export async function signOutForQuit(
  desk: QuitDesk,
  opts: { waitMs?: number; setTimer?: (fn: () => void, ms: number) => unknown } = {},
): Promise<DeskResult<void>> {
  if (hasLiveCall(desk.snapshot())) {
    const hungUp = await desk.hangUp();
    if (!hungUp.ok) return hungUp;
    await new Promise<void>((resolve) => {
      const unsubscribe = desk.subscribe((snapshot) => {
        if (hasLiveCall(snapshot)) return;
        unsubscribe();
        resolve();
      });
      if (!hasLiveCall(desk.snapshot())) {
        unsubscribe();
        resolve();
        return;
      }
      (opts.setTimer ?? setTimeout)(() => {
        unsubscribe();
        resolve();
      }, opts.waitMs ?? 5_000);
    });
  }
  return desk.signOut();
}
