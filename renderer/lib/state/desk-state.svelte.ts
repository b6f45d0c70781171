/**
 * The desk as the renderer sees it: the latest DeskSnapshot pushed by main, plus the
 * pending flag and last error of each command the agent started. Main is the single source
 * of truth (design.md §2); the only UI-only state here is the number chosen on each card and
 * which session's password notice the agent dismissed. The password facts themselves come
 * from `snapshot.session.password`, so a reloaded renderer shows the notice again.
 */
import type {
  AgentStateRequest,
  CallView,
  DeskApi,
  DeskError,
  DeskResult,
  DeskSnapshot,
  EventLogEntry,
  PasswordFacts,
  SignInRequest,
  SignedIn,
  SignInAgainView,
  WrapUpView,
} from '../../../main/ipc/contract';
import { safeCall } from '../safe-call';

/** Keys of actions whose pending flag and error the UI shows; per-preview ones carry its id. */
export type ActionKey =
  | 'signIn'
  | 'signOut'
  | 'agentState'
  | 'sendDigits'
  | 'hangUp'
  | 'hold'
  | 'eventLog'
  | 'forgetPassword'
  | 'stayOnTop'
  | 'extendWrapUp'
  | 'signInAgain'
  | 'stopSigningInAgain'
  | `dial:${string}`
  | `decline:${string}`;

/** Password facts of the session worth telling the agent about. */
export type PasswordNotice = { kind: 'must-change' } | { kind: 'expires-soon'; daysLeft: number };

/** Expiry closer than this many days is worth a notice. */
export const passwordWarnDays = 14;

/** What, if anything, to tell the agent about the password of the session (null: signed out). */
export function passwordNoticeOf(facts: PasswordFacts | null): PasswordNotice | null {
  if (facts === null) return null;
  // Must-change wins: until it is done calls fail, so the expiry date no longer matters.
  if (facts.mustChange) return { kind: 'must-change' };
  const days = facts.daysLeft;
  if (days !== null && days <= passwordWarnDays) {
    return { kind: 'expires-soon', daysLeft: Math.max(0, days) };
  }
  return null;
}

/** Called with the previous and the new snapshot after each accepted push. */
export type SnapshotListener = (prev: DeskSnapshot | null, next: DeskSnapshot) => void;

export class DeskState {
  #api: DeskApi;
  #snapshot = $state.raw<DeskSnapshot | null>(null);
  #loadError = $state.raw<DeskError | null>(null);
  #pending = $state<Record<string, boolean>>({});
  #errors = $state<Record<string, DeskError>>({});
  #chosen = $state<Record<string, string>>({});
  #fullLog = $state.raw<EventLogEntry[] | null>(null);
  /** `startedAt` of the finished call whose summary the agent put away (issue #13 §5). */
  #summaryDismissedOf = $state.raw<number | null>(null);
  /** `signedInAt` of the session whose password notice the agent dismissed. */
  #dismissedNoticeOf = $state.raw<number | null>(null);
  #passwordNotice = $derived.by((): PasswordNotice | null => {
    const session = this.#snapshot?.session;
    if (!session) return null;
    // Dismissal is keyed by the sign-in time: a new session shows its notice again.
    if (session.signedInAt !== null && session.signedInAt === this.#dismissedNoticeOf) {
      return null;
    }
    return passwordNoticeOf(session.password);
  });
  // Plain (non-reactive) bookkeeping: the UI reads #pending, never these.
  #inFlight: Partial<Record<string, Promise<DeskResult<unknown>>>> = {};
  #listeners: SnapshotListener[] = [];
  #unsubscribe: () => void;

  constructor(api: DeskApi) {
    this.#api = api;
    this.#unsubscribe = api.onChanged((snapshot) => this.#accept(snapshot));
  }

  /** Asks for the current snapshot (start-up, reload). */
  async load(): Promise<void> {
    const result = await safeCall(() => this.#api.getSnapshot());
    if (result.ok) this.#accept(result.value);
    else this.#loadError = result.error;
  }

  get snapshot(): DeskSnapshot | null {
    return this.#snapshot;
  }

  /** A call is up or being set up: mirrors isCallActive in main/desk/call-machine.ts. */
  get callUp(): boolean {
    const call = this.#snapshot?.call ?? null;
    return call !== null && call.phase !== 'ended' && call.phase !== 'failed';
  }

  /** The desk signs in again by itself (issue #11): its attempts; null otherwise. */
  get signInAgain(): SignInAgainView | null {
    const session = this.#snapshot?.session;
    return session?.phase === 'signing-in-again' ? session.signInAgain : null;
  }

  /**
   * Back to ready is on its way: the gateway has not confirmed it yet, or the request is
   * still running. Ready buttons and F2 wait for it instead of asking twice.
   */
  get readyPending(): boolean {
    return this.#snapshot?.agent.pending?.state === 'ready' || this.isPending('agentState');
  }

  /**
   * The finished call to show as a summary (issue #13 §5): the last call once it ended or
   * failed, until the agent chooses the next preview (or a new call starts).
   */
  get finishedCall(): CallView | null {
    const call = this.#snapshot?.call ?? null;
    if (call === null || this.callUp) return null;
    return call.startedAt === this.#summaryDismissedOf ? null : call;
  }

  /** The agent chose the next preview: the call panel goes back to "No call". */
  dismissSummary(): void {
    const call = this.finishedCall;
    if (call !== null) this.#summaryDismissedOf = call.startedAt;
  }

  get loadError(): DeskError | null {
    return this.#loadError;
  }

  /** The whole ring from `getEventLog`, once the log panel asked for it. */
  get fullLog(): EventLogEntry[] | null {
    return this.#fullLog;
  }

  /**
   * From the snapshot's session: shown while the session lasts (main clears the facts on
   * every way out), unless the agent dismissed it for this sign-in.
   */
  get passwordNotice(): PasswordNotice | null {
    return this.#passwordNotice;
  }

  dismissPasswordNotice(): void {
    this.#dismissedNoticeOf = this.#snapshot?.session.signedInAt ?? null;
  }

  isPending(key: ActionKey): boolean {
    return this.#pending[key] === true;
  }

  errorOf(key: ActionKey): DeskError | null {
    return this.#errors[key] ?? null;
  }

  clearError(key: ActionKey): void {
    delete this.#errors[key];
  }

  /** The number chosen on a preview card; the first offered one until the agent picks. */
  chosenNumber(controlId: string): string | null {
    const preview = this.#snapshot?.previews.find((p) => p.controlId === controlId);
    if (!preview) return null;
    const chosen = this.#chosen[controlId];
    return chosen && preview.numbers.includes(chosen) ? chosen : (preview.numbers[0] ?? null);
  }

  choose(controlId: string, number: string): void {
    this.#chosen[controlId] = number;
    this.dismissSummary();
  }

  /** Runs after each accepted snapshot (announcements, notifications). */
  subscribe(listener: SnapshotListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  signIn(req: SignInRequest): Promise<DeskResult<SignedIn>> {
    return this.#run('signIn', () => this.#api.signIn(req));
  }

  signOut(): Promise<DeskResult<void>> {
    return this.#run('signOut', () => this.#api.signOut());
  }

  setAgentState(req: AgentStateRequest): Promise<DeskResult<void>> {
    return this.#run('agentState', () => this.#api.setAgentState(req));
  }

  /** One previewCallout per preview: a second click while one runs gets the same promise. */
  dial(controlId: string, number: string): Promise<DeskResult<{ callId: string | null }>> {
    this.dismissSummary();
    return this.#run(`dial:${controlId}`, () => this.#api.dialPreview({ controlId, number }));
  }

  decline(controlId: string): Promise<DeskResult<void>> {
    this.dismissSummary();
    return this.#run(`decline:${controlId}`, () => this.#api.declinePreview({ controlId }));
  }

  /** "Decline and go not ready" (issue #13 §3), with a reason 200–250 or none. */
  declineNotReady(controlId: string, reason: number | null): Promise<DeskResult<void>> {
    this.dismissSummary();
    const notReady = reason === null ? {} : { reason };
    return this.#run(`decline:${controlId}`, () =>
      this.#api.declinePreview({ controlId, notReady }),
    );
  }

  /** Every key press is sent: the core queues them in order (design.md §3 DTMF). */
  async sendDigits(digits: string): Promise<DeskResult<void>> {
    this.clearError('sendDigits');
    const result = await safeCall(() => this.#api.sendDigits({ digits }));
    if (!result.ok) this.#errors['sendDigits'] = result.error;
    return result;
  }

  hangUp(): Promise<DeskResult<void>> {
    return this.#run('hangUp', () => this.#api.hangUp());
  }

  hold(): Promise<DeskResult<void>> {
    return this.#run('hold', () => this.#api.holdCall());
  }

  unhold(): Promise<DeskResult<void>> {
    return this.#run('hold', () => this.#api.unholdCall());
  }

  /** The one Extend of wrap-up. */
  extendWrapUp(): Promise<DeskResult<WrapUpView>> {
    return this.#run('extendWrapUp', () => this.#api.extendWrapUp());
  }

  /** Keeps the window on top (or not); the settings follow with the saved choice. */
  setStayOnTop(onTop: boolean): Promise<DeskResult<{ onTop: boolean }>> {
    return this.#run('stayOnTop', () => this.#api.setStayOnTop({ onTop }));
  }

  /** While signing in again: Sign in now; `force` answers the retake question. */
  signInAgainNow(force = false): Promise<DeskResult<void>> {
    return this.#run('signInAgain', () => this.#api.signInAgainNow(force ? { force } : {}));
  }

  /** Stop signing in again, or "not now" to the retake question. */
  stopSigningInAgain(): Promise<DeskResult<void>> {
    return this.#run('stopSigningInAgain', () => this.#api.stopSigningInAgain());
  }

  forgetSavedPassword(): Promise<DeskResult<void>> {
    return this.#run('forgetPassword', () => this.#api.forgetSavedPassword());
  }

  async loadEventLog(): Promise<void> {
    const result = await this.#run('eventLog', () => this.#api.getEventLog());
    if (result.ok) this.#fullLog = result.value;
  }

  dispose(): void {
    this.#unsubscribe();
    this.#listeners = [];
  }

  #accept(next: DeskSnapshot): void {
    const prev = this.#snapshot;
    // Pushes and the start-up answer may cross: never go back to an older snapshot.
    if (prev && next.seq < prev.seq) return;
    this.#snapshot = next;
    this.#loadError = null;
    if (prev && prev.agent.state !== next.agent.state) {
      // The state moved on (the gateway's event, a supervisor, a lost session): a refused
      // change from the old state is old news.
      this.clearError('agentState');
    }
    if ((prev?.wrapUp?.startedAt ?? null) !== (next.wrapUp?.startedAt ?? null)) {
      // Another wrap-up (or none): an Extend refused in the last one is old news.
      this.clearError('extendWrapUp');
    }
    if (prev?.session.phase === 'signed-in' && next.session.phase === 'signing-in-again') {
      // A new loss (issue #11): the Sign in now / Stop failures of an earlier one are old.
      this.clearError('signInAgain');
      this.clearError('stopSigningInAgain');
    }
    for (const listener of this.#listeners) listener(prev, next);
  }

  #run<T>(key: ActionKey, call: () => Promise<DeskResult<T>>): Promise<DeskResult<T>> {
    const running = this.#inFlight[key] as Promise<DeskResult<T>> | undefined;
    if (running) return running;
    this.#pending[key] = true;
    delete this.#errors[key];
    const promise = safeCall(call).then((result) => {
      delete this.#inFlight[key];
      delete this.#pending[key];
      if (!result.ok) this.#errors[key] = result.error;
      return result;
    });
    this.#inFlight[key] = promise;
    return promise;
  }
}
