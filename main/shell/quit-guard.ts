/**
 * Quitting while signed in asks first: the gateway would otherwise keep the agent signed in
 * (and offered calls) until its 120 s silence sign-out (gateway-protocol.md §2.3). The flow
 * is pure; index.ts supplies the dialogs, the window and app.quit().
 *
 * Every gateway request of a quit happens while the window is still on screen, and within
 * a budget: "Sign out and quit" shows progress, gives up after `signOutBudgetMs`, and then
 * asks again with the window visible. Nothing talks to the gateway once the windows close
 * (see {@link exitPlan}), so a relaunch never meets an invisible instance that is still busy.
 */
import type { DeskError, DeskResult, DeskSnapshot, Locale } from '../ipc/contract';
import type { DeskLogger } from '../desk/logger';
import { isCallActive } from '../desk/call-machine';
import { describeError } from '../desk/summaries';
import { withinBudget, type CancelTimer, type SetTimer, realTimer } from './budget';

/** What the agent chose in the quit dialog. */
export type QuitChoice = 'sign-out-and-quit' | 'quit-anyway' | 'cancel';

/** What the agent chose after the sign-out failed or did not finish in time. */
export type AfterFailureChoice = 'quit-anyway' | 'cancel';

/**
 * Quit at once, ask first, or let a sign-out the agent already started finish (they
 * clicked Sign out, then closed the window: that request must not be cut off).
 */
export type QuitDecision = 'quit-now' | 'ask' | 'wait-for-sign-out';

/** Where a quit stands. `leaving`: committed; every later quit event may proceed. */
export type QuitStage = 'idle' | 'asking' | 'signing-out' | 'leaving';

/** Why "Sign out and quit" did not sign out. */
export type QuitSignOutFailure =
  { kind: 'failed'; error: DeskError } | { kind: 'timed-out'; afterMs: number };

/** The default budget of "Sign out and quit": hang-up, release event and logout together. */
export const quitSignOutBudgetMs = 8_000;

/** Ask when a session exists or is being made; a signed-out desk quits at once. */
export function quitDecision(snapshot: DeskSnapshot): QuitDecision {
  switch (snapshot.session.phase) {
    case 'signed-in':
    case 'signing-in':
      return 'ask';
    case 'signing-out':
      return 'wait-for-sign-out';
    default:
      return 'quit-now';
  }
}

/**
 * What `will-quit` does. Only a signed-out desk is disposed (which stops its timers and
 * sends nothing). A desk still signed in was left so on purpose ("Quit anyway") or because
 * the sign-out failed: disposing it would sign the agent out behind their back, or wait on
 * a gateway that already did not answer, with no window left on screen.
 */
export type ExitPlan = 'dispose-then-exit' | 'exit-now';

export function exitPlan(snapshot: DeskSnapshot): ExitPlan {
  // Signing in again by itself (issue #11) holds no session: disposing stops the attempts
  // (one in flight is signed out when it lands) and wipes the kept password.
  const phase = snapshot.session.phase;
  return phase === 'signed-out' || phase === 'signing-in-again' ? 'dispose-then-exit' : 'exit-now';
}

/** The buttons in dialog order; `cancelId` is the last one (Esc and closing the box). */
export const quitChoices: readonly QuitChoice[] = ['sign-out-and-quit', 'quit-anyway', 'cancel'];

/** The buttons of the second question, in order; `cancelId` is the last one. */
export const afterFailureChoices: readonly AfterFailureChoice[] = ['quit-anyway', 'cancel'];

/** A message box's text (its options minus the parent window). */
export interface QuitDialog {
  type: 'question' | 'warning';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  title: string;
  message: string;
  detail: string;
  noLink: true;
}

const staySignedInEn =
  'If you quit without signing out, the gateway keeps you signed in for up to two minutes and may still offer you calls.';
const staySignedInZh =
  '若不签出直接退出，网关会在最多两分钟内保持您的签入状态，并可能继续为您分配呼叫。';

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
      ? `${onCall ? 'A call is in progress: signing out ends it first. ' : ''}${staySignedInEn}`
      : `${onCall ? '当前有通话：签出会先结束通话。' : ''}${staySignedInZh}`,
    noLink: true,
  };
}

/** The second question: the sign-out failed or timed out. The default stays in the app. */
export function signOutFailedDialog(locale: Locale, failure: QuitSignOutFailure): QuitDialog {
  const en = locale === 'en';
  const seconds = failure.kind === 'timed-out' ? Math.round(failure.afterMs / 1000) : 0;
  const why =
    failure.kind === 'timed-out'
      ? en
        ? `The gateway did not answer within ${seconds} seconds.`
        : `网关在 ${seconds} 秒内没有响应。`
      : en
        ? `The gateway refused or could not be reached (${describeError(failure.error)}).`
        : `网关拒绝了请求或无法连接（${describeError(failure.error)}）。`;
  return {
    type: 'warning',
    buttons: en ? ['Quit anyway', 'Back to the desk'] : ['直接退出', '返回工作台'],
    defaultId: 1,
    cancelId: 1,
    title: 'Agent Desk',
    message: en ? 'Could not sign out.' : '未能签出。',
    detail: `${why} ${en ? staySignedInEn : staySignedInZh}`,
    noLink: true,
  };
}

/** The window title while "Sign out and quit" runs. */
export function signingOutTitle(locale: Locale): string {
  return locale === 'en'
    ? 'Agent Desk — signing out before quitting…'
    : 'Agent Desk — 正在签出，然后退出…';
}

/** Maps the message box's button index to a choice; anything unexpected cancels. */
export function quitChoiceFromResponse(response: number): QuitChoice {
  return quitChoices[response] ?? 'cancel';
}

/** Maps the second message box's button index; anything unexpected stays. */
export function afterFailureChoiceFromResponse(response: number): AfterFailureChoice {
  return afterFailureChoices[response] ?? 'cancel';
}

/** What the guard needs from the app. */
export interface QuitGuardDeps {
  snapshot(): DeskSnapshot;
  /** Restores, shows and focuses the window: every question is asked in plain sight. */
  showWindow(): void;
  ask(snapshot: DeskSnapshot): Promise<QuitChoice>;
  /** "Sign out and quit" (hang-up first: {@link signOutForQuit}); bounded by the guard. */
  signOut(): Promise<DeskResult<void>>;
  /** Resolves once a sign-out already in flight has finished, whatever its outcome. */
  whenSignOutSettles(): Promise<void>;
  /** The window shows (or stops showing) that the desk is signing out before quitting. */
  showProgress(isOn: boolean): void;
  askAfterFailure(failure: QuitSignOutFailure): Promise<AfterFailureChoice>;
  /** Calls app.quit() again; the guard then answers `true`. */
  quit(): void;
  logger: DeskLogger;
  /** Default {@link quitSignOutBudgetMs}. */
  signOutBudgetMs?: number;
  setTimer?: SetTimer;
}

/**
 * Gate for `before-quit` and the window's `close`: `request()` answers true when the quit
 * may go on now; false means "prevent it" — the guard asks (once, however many quit events
 * arrive meanwhile) and calls `quit()` itself when the agent confirms.
 */
export class QuitGuard {
  #stage: QuitStage = 'idle';
  #relaunch = false;
  readonly #budgetMs: number;
  readonly #setTimer: SetTimer;

  constructor(private readonly deps: QuitGuardDeps) {
    this.#budgetMs = deps.signOutBudgetMs ?? quitSignOutBudgetMs;
    this.#setTimer = deps.setTimer ?? realTimer;
  }

  get stage(): QuitStage {
    return this.#stage;
  }

  /** A second launch arrived while this instance was on its way out: start a new one after exit. */
  get relaunchOnExit(): boolean {
    return this.#relaunch;
  }

  /** True when quitting may proceed; false when the caller must preventDefault(). */
  request(): boolean {
    if (this.#stage === 'leaving') return true;
    if (this.#stage !== 'idle') {
      // The question or the progress is already up: bring it forward instead of a second one.
      this.deps.showWindow();
      return false;
    }
    const snapshot = this.deps.snapshot();
    const decision = quitDecision(snapshot);
    if (decision === 'quit-now') {
      this.#stage = 'leaving';
      return true;
    }
    const flow = decision === 'ask' ? this.#askFlow(snapshot) : this.#waitFlow();
    flow.catch((error: unknown) => {
      // A dialog itself failed: stay open (never quit a signed-in agent unasked), and say so.
      this.deps.showProgress(false);
      this.#stay();
      this.deps.logger.error('shell:quit-dialog-failed', { error: String(error) });
    });
    return false;
  }

  /**
   * The agent launched the app again. Show the window unless this instance is leaving; when
   * it is signing out or leaving, start a fresh instance after exit (the second launch itself
   * quits at once, as it does not hold the single-instance lock), so the agent is never left
   * with nothing on screen.
   */
  secondInstance(): void {
    if (this.#stage === 'signing-out' || this.#stage === 'leaving') {
      if (!this.#relaunch) this.deps.logger.info('shell:relaunch-after-exit');
      this.#relaunch = true;
    }
    if (this.#stage !== 'leaving') this.deps.showWindow();
  }

  /** The OS session is ending (shutdown, restart, log-off): quit without any question. */
  leaveWithoutAsking(): void {
    this.#stage = 'leaving';
  }

  async #askFlow(snapshot: DeskSnapshot): Promise<void> {
    this.#stage = 'asking';
    this.deps.showWindow();
    const choice = await this.deps.ask(snapshot);
    this.deps.logger.info('shell:quit-choice', { choice });
    if (choice === 'cancel') this.#stay();
    else if (choice === 'quit-anyway') this.#leave();
    else await this.#untilSignedOut(() => this.deps.signOut());
  }

  async #waitFlow(): Promise<void> {
    this.deps.logger.info('shell:quit-waits-for-sign-out');
    await this.#untilSignedOut(async () => {
      await this.deps.whenSignOutSettles();
      const phase = this.deps.snapshot().session.phase;
      return phase === 'signed-out'
        ? { ok: true, value: undefined }
        : { ok: false, error: { kind: 'internal', detail: `sign-out ended ${phase}` } };
    });
  }

  async #untilSignedOut(signOut: () => Promise<DeskResult<void>>): Promise<void> {
    this.#stage = 'signing-out';
    this.deps.showProgress(true);
    const outcome = await withinBudget(signOut(), this.#budgetMs, this.#setTimer);
    this.deps.showProgress(false);
    if (outcome.kind === 'done' && outcome.value.ok) {
      this.#leave();
      return;
    }
    const failure: QuitSignOutFailure =
      outcome.kind === 'done'
        ? { kind: 'failed', error: outcome.value.ok ? { kind: 'internal' } : outcome.value.error }
        : { kind: 'timed-out', afterMs: this.#budgetMs };
    this.deps.logger.warn('shell:sign-out-before-quit-failed', {
      failure: failure.kind,
      ...(failure.kind === 'failed' ? { error: describeError(failure.error) } : {}),
    });
    // The window never went away: ask again, in plain sight, what to do now.
    this.deps.showWindow();
    const next = await this.deps.askAfterFailure(failure);
    this.deps.logger.info('shell:quit-after-failure-choice', { choice: next });
    if (next === 'quit-anyway') this.#leave();
    else this.#stay();
  }

  #leave(): void {
    this.#stage = 'leaving';
    this.deps.quit();
  }

  #stay(): void {
    this.#stage = 'idle';
    this.#relaunch = false;
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

/** Resolves once `done(snapshot)` holds (checked now and on every push), or after `waitMs`. */
export function waitForSnapshot(
  desk: Pick<QuitDesk, 'snapshot' | 'subscribe'>,
  done: (snapshot: DeskSnapshot) => boolean,
  waitMs: number,
  setTimer: SetTimer = realTimer,
): Promise<void> {
  return new Promise<void>((resolve) => {
    let cancelTimer: CancelTimer = () => undefined;
    const unsubscribe = desk.subscribe((snapshot) => {
      if (!done(snapshot)) return;
      finish();
    });
    function finish(): void {
      unsubscribe();
      cancelTimer();
      resolve();
    }
    if (done(desk.snapshot())) {
      finish();
      return;
    }
    cancelTimer = setTimer(finish, waitMs);
  });
}

/**
 * "Sign out and quit": the desk refuses to sign out during a call (`call-active`), so a live
 * call is hung up first and the sign-out waits for the release event (the call ends on
 * events, design.md §2) — at most `waitMs`, then it is tried anyway and its answer returned.
 */
export async function signOutForQuit(
  desk: QuitDesk,
  opts: { waitMs?: number; setTimer?: SetTimer } = {},
): Promise<DeskResult<void>> {
  if (hasLiveCall(desk.snapshot())) {
    const hungUp = await desk.hangUp();
    if (!hungUp.ok) return hungUp;
    await waitForSnapshot(desk, (s) => !hasLiveCall(s), opts.waitMs ?? 5_000, opts.setTimer);
  }
  return desk.signOut();
}
