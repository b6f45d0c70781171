/**
 * Continuity (issue #11): what the desk does when a session ends by no choice of the agent's,
 * kept apart from the sign-in/out core in desk.ts.
 *
 * Telling the causes apart — the gateway answers `100-006` / `000-003` in every case, so the
 * desk reads the signals around it (README "Continuity"):
 *
 * | seen                                                            | cause          | the desk          |
 * | --------------------------------------------------------------- | -------------- | ----------------- |
 * | `AgentOther_ShutdownService` after ≥ 120 s of our own silence    | `timeout`      | signs in again    |
 * | ShutdownService, not silent; Guid-less `agentstatus` → `000-003` | another desk   | says so, stops    |
 * | ShutdownService, not silent; → `100-006`                         | a supervisor   | says so, stops    |
 * | ShutdownService, not silent; anything else                       | one of the two | says both, stops  |
 * | `100-006`/`000-003` refused by `updateGuid` + `agentstatus`      | restart (or    | plain `login`:    |
 * |   (after ≥ 120 s of silence: timeout)                            |   timeout)     |   succeeds → on   |
 * | … that `login` answers `100-002`, the old session still refused  | another desk   | asks, never forces|
 * | connections refused twice in a row                               | gateway down   | other gateway     |
 * | nothing answered for 110 s                                       | unreachable    | old session first |
 *
 * A supervisor's sign-out that sends no ShutdownService looks like a restart and is undone by
 * the automatic sign-in: a known limit (README). The first refused check attempt is enough to
 * try a plain `login`: it changes nothing while a session holds the agent ID (`100-002`) and
 * proves none does when it succeeds; the rest of the §2.2 schedule runs only on `100-002`.
 */
import type { GatewayApi, GatewayObserver } from '../gateway/api';
import type { GatewayConnection } from '../gateway/types';
import type {
  AgentStateRequest,
  DeskError,
  DeskResult,
  SessionLoss,
  SignInAgainNowRequest,
  SignInAgainView,
  SignOutReason,
} from '../ipc/contract';
import type { DeskOptions } from './desk';
import type { DeskState } from './desk-state';
import type { CallControl } from './call-control';
import type { Clock } from './clock';
import type { DeskLogger } from './logger';
import type { LoopEnd } from './loop-types';
import type { NewSession } from './sign-in';
import type { ChosenState } from './restore';
import {
  DEFAULT_AUTO_SIGN_IN_MINUTES,
  GATEWAY_SILENCE_MARGIN_MS,
  GATEWAY_SILENCE_MS,
  HELD_ELSEWHERE_RETCODE,
  NOT_SIGNED_IN_RETCODE,
  SIGNED_OUT_CONFIRM_DELAYS_MS,
} from '../gateway/assumptions';
import { isCallActive } from './call-machine';
import { KeptCredentials, type Credentials } from './kept-credentials';
import { chosenOf, restoreAfterSignIn } from './restore';
import { SignInAgain, type LostSession, type SignInAgainOutcome } from './sign-in-again';
import { gatewayRole, passwordFacts } from './sign-in';
import { describeError, describeReason, refused } from './summaries';

/** What continuity needs of the desk. */
export interface ContinuityHost {
  readonly state: DeskState;
  readonly calls: CallControl;
  readonly clock: Clock;
  readonly logger: DeskLogger;
  readonly random: () => number;
  readonly opts: DeskOptions;
  /** The desk's observer: the sessions made by signing in again report to it too. */
  readonly observer: GatewayObserver;
  /** Makes `api` the session from now on and starts polling it. */
  adopt(api: GatewayApi, pollTimeoutMs: number | undefined): void;
  /** Re-syncs the screen with the adopted session; its answer never ends the session. */
  resync(why: string): void;
  /** Ends the session visibly with its reason. */
  endSession(reason: SignOutReason, error: DeskError | null): void;
}

/** The session the desk is on, as continuity needs to know it. */
interface OnSession {
  connection: GatewayConnection;
  gateway: number;
  gateways: number;
}

export class Continuity {
  /** The password of the session, in main memory only (kept-credentials.ts). */
  readonly kept = new KeptCredentials();
  private again: SignInAgain | null = null;
  private on: OnSession | null = null;
  /** The last two answers from the gateway, and the first signed-out answer since. */
  private lastAnswerAt: number | null = null;
  private previousAnswerAt: number | null = null;
  private firstRefusalAt: number | null = null;
  /** The agent's choice before the current call (a call shows `busy`, not a choice). */
  private beforeCall: ChosenState | null = null;
  /** Restored with a call up and chosen ready: ready once the call has ended. */
  private readyAfterCall = false;
  /** The lost session's client while signing in again (adopted again if it answers). */
  private oldApi: GatewayApi | null = null;
  private run = 0;

  constructor(private readonly host: ContinuityHost) {}

  private get silenceMs(): number {
    return (this.host.opts.gatewaySilenceMs ?? GATEWAY_SILENCE_MS) + this.marginMs;
  }

  private get marginMs(): number {
    return this.host.opts.silenceMarginMs ?? GATEWAY_SILENCE_MARGIN_MS;
  }

  /** `autoSignInMinutes` now (0 = never). */
  minutes(): number {
    return this.host.opts.autoSignInMinutes?.() ?? DEFAULT_AUTO_SIGN_IN_MINUTES;
  }

  /** Whether a lost session would be signed in again now. */
  canSignInAgain(): boolean {
    return this.kept.isKept && this.minutes() > 0;
  }

  /** The loop's §2.2 schedule: one refused attempt is enough when a plain login can decide. */
  confirmDelays(): readonly number[] | undefined {
    return this.canSignInAgain() ? [0] : this.host.opts.confirmDelaysMs;
  }

  /** The agent signs in by hand: any retake question and kept password go. */
  manualSignIn(): void {
    this.stopAgain();
    this.kept.wipe();
  }

  /** A session started by hand: keep the password when signing in again is on. */
  started(credentials: Credentials, session: NewSession): void {
    if (this.minutes() > 0) this.kept.keep(credentials);
    else this.kept.wipe();
    this.began(session);
  }

  private began(session: NewSession): void {
    this.on = {
      connection: session.connection,
      gateway: session.gateway,
      gateways: session.gateways,
    };
    this.lastAnswerAt = this.host.clock.now();
    this.previousAnswerAt = null;
    this.firstRefusalAt = null;
    this.readyAfterCall = false;
  }

  /** The gateway answered (the loop's `onSuccess`). */
  answered(at: number): void {
    this.previousAnswerAt = this.lastAnswerAt;
    this.lastAnswerAt = at;
    this.firstRefusalAt = null;
  }

  /** A signed-out retcode was answered to some request. */
  refused(): void {
    this.firstRefusalAt ??= this.host.clock.now();
  }

  /** After each event: keeps the agent's choice, and finishes a restore that waited for a call. */
  agentChanged(eventKind: string): void {
    const { state } = this.host;
    const callUp = isCallActive(state.call);
    if (!callUp) {
      const chosen = chosenOf(state.agent, state.now());
      if (chosen !== null) this.beforeCall = chosen;
    }
    if (this.readyAfterCall && !callUp && eventKind.startsWith('state-')) {
      this.readyAfterCall = false;
      if (state.agent.state === 'not-ready' && !state.agent.bySupervisor) {
        void this.host.calls.setAgentState({ state: 'ready' }).then((r) => {
          if (!r.ok)
            state.addLog('error', 'restore', `ready not restored: ${describeError(r.error)}`);
        });
      }
    }
  }

  /** The loop ended by itself: true when the desk now signs in again. */
  takeOver(end: LoopEnd, api: GatewayApi): boolean {
    if (!this.canSignInAgain() || this.on === null) return false;
    const now = this.host.clock.now();
    const loss: SessionLoss =
      end.kind === 'lost'
        ? 'unreachable'
        : end.kind === 'node-down'
          ? 'gateway-down'
          : this.silentBefore(this.firstRefusalAt ?? now) >= this.silenceMs - this.marginMs
            ? 'timeout'
            : 'restart';
    this.begin(api, loss, {
      gone: end.kind !== 'lost',
      refusal:
        end.kind === 'kicked' ? { retcode: end.retcode, at: this.firstRefusalAt ?? now } : null,
      error: end.error,
    });
    return true;
  }

  /**
   * `AgentOther_ShutdownService`: the gateway ended the session. After our own silence it is
   * the silence sign-out, signed in again; otherwise someone ended it on purpose — never
   * undone: the password goes, and a Guid-less question tells who, when it can.
   */
  shutdown(api: GatewayApi): void {
    const silent =
      this.lastAnswerAt !== null &&
      this.previousAnswerAt !== null &&
      this.lastAnswerAt - this.previousAnswerAt >= this.silenceMs - this.marginMs;
    if (silent && this.canSignInAgain() && this.on !== null) {
      this.begin(api, 'timeout', { gone: true, refusal: null, error: null });
      return;
    }
    const on = this.on;
    const agentId = api.agentId;
    api.close();
    this.kept.wipe();
    const reason: SignOutReason = { kind: 'shutdown' };
    this.host.endSession(reason, null);
    if (on !== null) void this.whoEndedIt(on.connection, agentId, reason);
  }

  /** Sign in now / the retake question's yes. */
  now(req: SignInAgainNowRequest): Promise<DeskResult<void>> {
    const again = this.again;
    const session = this.host.state.session;
    if (again === null) return Promise.resolve(refused('not-signing-in-again'));
    if (req.force === true) {
      return session.retake === null
        ? Promise.resolve(refused('not-signing-in-again'))
        : again.retake();
    }
    if (session.phase !== 'signing-in-again')
      return Promise.resolve(refused('not-signing-in-again'));
    return again.now();
  }

  /**
   * Stop (or the agent's sign-out) while signing in again, or "not now" to the retake
   * question: the password goes. False when there was nothing to stop.
   */
  stop(by: 'agent' | 'stopped'): boolean {
    const { state } = this.host;
    const view = state.session.signInAgain;
    if (state.session.phase === 'signing-in-again' && view !== null) {
      this.stopAgain();
      this.kept.wipe();
      const reason: SignOutReason =
        by === 'agent'
          ? { kind: 'agent' }
          : { kind: 'not-signed-in-again', loss: view.loss, end: 'stopped', error: null };
      this.host.endSession(reason, null);
      return true;
    }
    if (state.session.retake !== null) {
      this.stopAgain();
      this.kept.wipe();
      state.session = { ...state.session, retake: null };
      state.addLog(
        'connection',
        'sign-in-again',
        'not signed in here: the other desk keeps the session',
      );
      return true;
    }
    return false;
  }

  /** Quit/dispose: nothing runs on, nothing is kept. */
  dispose(): void {
    this.stopAgain();
    this.kept.wipe();
    this.on = null;
  }

  private stopAgain(): void {
    this.again?.stop();
    this.again = null;
    this.run += 1;
  }

  private silentBefore(at: number): number {
    return this.lastAnswerAt === null ? 0 : at - this.lastAnswerAt;
  }

  private begin(
    api: GatewayApi,
    loss: SessionLoss,
    old: { gone: boolean; refusal: LostSession['refusal']; error: DeskError | null },
  ): void {
    const on = this.on;
    if (on === null) return;
    const { state, clock, opts } = this.host;
    const now = clock.now();
    const chosen =
      chosenOf(state.agent, now) ?? (isCallActive(state.call) ? this.beforeCall : null);
    this.host.calls.sessionLost();
    this.oldApi = api;
    const lost: LostSession = {
      loss,
      since: now,
      api,
      gateway: on.gateway,
      gateways: on.gateways,
      lastAnsweredAt: this.lastAnswerAt ?? now,
      gone: old.gone,
      refusal: old.refusal,
    };
    const run = ++this.run;
    const again = new SignInAgain(
      {
        clock,
        random: this.host.random,
        logger: this.host.logger,
        connections: opts.connections,
        factory: opts.gatewayFactory,
        observer: this.host.observer,
        afterCall: () => opts.afterCall?.() ?? 'ready',
        credentials: this.kept,
        windowMs: this.minutes() * 60_000,
        silenceMs: this.silenceMs,
        confirmDelaysMs: opts.confirmDelaysMs ?? SIGNED_OUT_CONFIRM_DELAYS_MS,
        onView: (view) => {
          if (run === this.run) state.signInAgainChanged(view);
        },
        onLog: (name, summary, isError) => {
          if (run !== this.run) return;
          state.addLog(isError ? 'error' : 'connection', name, summary);
          (isError ? this.host.logger.warn : this.host.logger.info).call(
            this.host.logger,
            `desk.${name}`,
            { detail: summary },
          );
        },
        onOutcome: (outcome) => {
          if (run === this.run) this.outcome(outcome, chosen);
        },
      },
      lost,
    );
    this.again = again;
    const view: SignInAgainView = {
      loss,
      since: now,
      attempt: 0,
      attempting: false,
      nextAttemptAt: null,
      until: again.until,
      gateway: gatewayRole(on.gateway),
      oldSessionEndsBy: null,
      lastError: null,
    };
    state.signingInAgain(view, old.error);
    this.host.logger.warn('desk.session-lost', { loss, agentId: api.agentId });
    again.start();
  }

  private outcome(outcome: SignInAgainOutcome, chosen: ChosenState | null): void {
    const { state } = this.host;
    switch (outcome.kind) {
      case 'signed-in':
        this.again = null;
        this.oldApi = null;
        this.restore(outcome.session, outcome.loss, outcome.attempts, chosen);
        return;
      case 'resumed':
        this.again = null;
        this.resumed(outcome.attempts);
        return;
      case 'held-elsewhere': {
        const agentId = state.session.agentId ?? this.kept.agentId ?? '';
        this.host.endSession({ kind: 'elsewhere' }, null);
        state.session = { ...state.session, retake: { agentId, until: outcome.until } };
        state.changed();
        return;
      }
      case 'question-expired':
        this.again = null;
        this.kept.wipe();
        state.session = { ...state.session, retake: null };
        state.changed();
        return;
      case 'ended':
        this.again = null;
        this.kept.wipe();
        this.host.endSession(
          {
            kind: 'not-signed-in-again',
            loss: outcome.loss,
            end: outcome.end,
            error: outcome.error,
          },
          outcome.error,
        );
        return;
    }
  }

  /** Signed in again on a new session: adopt it, then restore (restore.ts). */
  private restore(
    session: NewSession,
    loss: SessionLoss,
    attempts: number,
    chosen: ChosenState | null,
  ): void {
    const { state } = this.host;
    state.signedInAgain(passwordFacts(session.info), gatewayRole(session.gateway), loss);
    this.began(session);
    this.host.adopt(session.api, session.connection.pollTimeoutMs);
    const summary = `signed in again on the ${gatewayRole(session.gateway)} gateway after ${attempts} attempt(s) (${loss})`;
    state.addLog('connection', 'signed-in-again', summary);
    this.host.logger.info('desk.signed-in-again', { detail: summary });
    const run = this.run;
    const api = session.api;
    void restoreAfterSignIn({
      api,
      state,
      chosen,
      afterCall: this.host.opts.afterCall?.() ?? 'ready',
      apply: (req: AgentStateRequest) => this.host.calls.setAgentState(req),
      current: () => run === this.run && state.session.phase === 'signed-in',
    }).then(
      (report) => {
        if (report.state === 'after-call') this.readyAfterCall = true;
        const what =
          report.state === null
            ? 'none'
            : report.state === 'after-call'
              ? 'ready after the call'
              : report.state.state;
        state.addLog(
          'connection',
          'restore',
          `call ${report.call}${report.otherCall ? ' (another call shown)' : ''}; state ${what}`,
        );
      },
      (err: unknown) => state.addLog('error', 'restore', `failed: ${String(err)}`),
    );
  }

  /** The old session answered after all: carry on with it and re-sync. */
  private resumed(attempts: number): void {
    const on = this.on;
    const api = this.oldApi;
    const { state } = this.host;
    this.oldApi = null;
    if (on === null || api === null) return;
    state.resumedSession(gatewayRole(on.gateway));
    state.addLog(
      'connection',
      'signed-in-again',
      `the old session answered after ${attempts} attempt(s): carrying on`,
    );
    this.host.adopt(api, on.connection.pollTimeoutMs);
    // The screen shows the agent signed out since the loss: ask the gateway what it holds.
    this.host.resync('resumed');
  }

  /**
   * Asks `agentstatus` without a Guid (assumptions.ts HELD_ELSEWHERE_RETCODE): `000-003` means
   * another session holds the agent ID, `100-006` that none does. Changes nothing at the
   * gateway; the reason shown is refined only if it is still the one this shutdown set.
   */
  private async whoEndedIt(
    connection: GatewayConnection,
    agentId: string,
    shown: SignOutReason,
  ): Promise<void> {
    const { opts, state } = this.host;
    const observer = opts.onGatewayCall === undefined ? {} : { onCall: opts.onGatewayCall };
    const probe = opts.gatewayFactory(connection, agentId, observer);
    const r = await probe.agentStatus();
    probe.close();
    let reason: SignOutReason | null = null;
    if (!r.ok && r.error.kind === 'signed-out') {
      if (r.error.retcode === HELD_ELSEWHERE_RETCODE) reason = { kind: 'elsewhere' };
      if (r.error.retcode === NOT_SIGNED_IN_RETCODE) reason = { kind: 'supervisor' };
    }
    if (reason === null || state.session.lastSignOut !== shown) return;
    state.session = { ...state.session, lastSignOut: reason };
    state.addLog('connection', 'signed-out', describeReason(reason));
    this.host.logger.info('desk.signed-out', { reason: describeReason(reason) });
  }
}
