import type { GatewayApi, GatewayFactory, GatewayObserver } from '../gateway/api';
import type {
  AfterCall,
  GatewayCallRecord,
  GatewayConnection,
  GatewayError,
} from '../gateway/types';
import {
  DEFAULT_POLL_TIMEOUT_MS,
  LOGOUT_IN_CALL_RETCODE,
  SIGNED_OUT_RETCODES,
} from '../gateway/assumptions';
import type {
  AgentStateRequest,
  CountdownAction,
  DeclinePreviewRequest,
  DeskError,
  DeskResult,
  DeskSnapshot,
  DialPreviewRequest,
  EventLogEntry,
  SendDigitsRequest,
  SignedIn,
  SignInAgainNowRequest,
  SignInRequest,
  SignOutReason,
  WrapUpView,
} from '../ipc/contract';
import type { Clock } from './clock';
import type { DeskLogger } from './logger';
import type { LoopEnd, LoopNotice } from './poll-loop';
import { systemClock } from './clock';
import { nullLogger } from './logger';
import { isCallActive } from './call-machine';
import { CallControl } from './call-control';
import { Continuity } from './continuity';
import { DeskState } from './desk-state';
import { PollLoop } from './poll-loop';
import { CoalescingPublisher } from './publisher';
import { QueueGlance } from './queue-glance';
import { WrapUp } from './wrap-up';
import { resync } from './resync';
import { gatewayRole, passwordFacts, runSignIn } from './sign-in';
import {
  describeError,
  describeHealth,
  describeNotice,
  describeReason,
  failed,
  refused,
} from './summaries';

/** What the owner (main/index.ts, tests) gives the desk core. */
export interface DeskOptions {
  gatewayFactory: GatewayFactory;
  /** Primary then backup; an error (no address, unreadable CA file) is answered as is. */
  connections: () => Promise<DeskResult<GatewayConnection[]>>;
  /** Wait after an empty poll reply; default 200 (§4.1). */
  pollGapMs?: () => number;
  /** Preview countdown; seconds 0 = off (default). */
  countdown?: () => { seconds: number; action: CountdownAction };
  clock?: Clock;
  random?: () => number;
  logger?: DeskLogger;
  /** Passed into the GatewayObserver: one record per gateway request. */
  onGatewayCall?: (r: GatewayCallRecord) => void;
  /** Snapshot pushes are coalesced to at most one per this many ms; default 16. */
  publishIntervalMs?: number;
  /** Nothing answered for this long = lost; default 110 000 (the gateway waits 120 s). */
  lostAfterMs?: number;
  /** Queue glance refresh; default 30 000 (gateway-protocol.md §5.9: at most every 30 s). */
  queueGlanceIntervalMs?: number;
  /** The administrator's longest wrap-up in seconds (0 = none), read at each wrap-up. */
  wrapUpMaxSeconds?: () => number;
  /** After a call: ready or wrap-up (§3.1); read at each sign-in. Default ready. */
  afterCall?: () => AfterCall;
  /**
   * Confirming a signed-out answer (§2.2): delays of the attempts from the first answer, and
   * the deadline. Defaults in gateway/assumptions.ts; tests shorten them.
   */
  confirmDelaysMs?: readonly number[];
  confirmDeadlineMs?: number;
  /**
   * Issue #11: minutes to keep signing in again by itself after a lost session (0 = never, and
   * then the password is not kept). Read when a session starts and when it is lost. Default 10.
   */
  autoSignInMinutes?: () => number;
  /** The gateway's silence sign-out, `MAXTIME` (§2.3); default 120 000. Tests shorten it. */
  gatewaySilenceMs?: number;
  /** Slack for the gateway's check of it; default 5 000. */
  silenceMarginMs?: number;
}

/** A request's outcome as the observer reports it: an envelope's retcode, or an error kind. */
const RETCODE = /^(0|\d{3}-\d{3})$/;

/**
 * The agent desk core (design.md §3): sign-in, the event loop and its health, agent state,
 * previews, the call and DTMF. Never imports electron; every command answers a Result.
 */
export class Desk {
  private readonly clock: Clock;
  private readonly logger: DeskLogger;
  private readonly state: DeskState;
  private readonly publisher: CoalescingPublisher;
  private readonly calls: CallControl;
  private readonly glance: QueueGlance;
  private readonly wrapUp: WrapUp;
  private readonly continuity: Continuity;
  private readonly listeners = new Set<(s: DeskSnapshot) => void>();
  private api: GatewayApi | null = null;
  private loop: PollLoop | null = null;
  /** A loop end that arrived while sign-out was in flight: applied if sign-out fails. */
  private deferredEnd: LoopEnd | null = null;
  private resyncRun = 0;
  private disposed = false;
  /**
   * What every session of the desk reports to it, signed in by hand or again by itself: any
   * envelope is the gateway answering (design §3 Liveness), so the loop's health recovers at
   * once, not one poll hold later, and a signed-out answer is confirmed at once (§2.2).
   */
  private readonly observer: GatewayObserver = {
    onCall: (r) => {
      this.opts.onGatewayCall?.(r);
      if (RETCODE.test(r.outcome)) {
        const signedOut = SIGNED_OUT_RETCODES.has(r.outcome);
        if (signedOut && this.loop !== null) this.continuity.refused();
        this.loop?.gatewayAnswered(signedOut ? r.outcome : null);
      }
    },
    onGuidRotated: () => this.state.addLog('connection', 'guid-rotated', 'session key rotated'),
  };

  constructor(private readonly opts: DeskOptions) {
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? nullLogger;
    this.publisher = new CoalescingPublisher(this.clock, opts.publishIntervalMs ?? 16, () =>
      this.publish(),
    );
    this.state = new DeskState(
      this.clock,
      opts.countdown ?? (() => ({ seconds: 0, action: 'none' })),
      (controlId, action, cause) => this.calls.autoAction(controlId, action, cause),
      () => this.publisher.markChanged(),
    );
    this.calls = new CallControl(this.state, this.logger, () => this.activeApi());
    this.glance = new QueueGlance(this.state, this.clock, this.logger, opts.queueGlanceIntervalMs);
    this.wrapUp = new WrapUp(
      this.state,
      this.clock,
      this.logger,
      opts.wrapUpMaxSeconds ?? (() => 0),
      () => this.calls.setAgentState({ state: 'ready' }),
    );
    this.continuity = new Continuity({
      state: this.state,
      calls: this.calls,
      clock: this.clock,
      logger: this.logger,
      random: opts.random ?? Math.random,
      opts,
      observer: this.observer,
      adopt: (api, pollTimeoutMs) => this.adopt(api, pollTimeoutMs),
      resync: (why) => this.runResync(why, false),
      endSession: (reason, error) => this.endSession(reason, error),
    });
  }

  /** The current state (not coalesced). */
  snapshot(): DeskSnapshot {
    return this.state.snapshot();
  }

  /** Coalesced pushes (≤ 1 per publishIntervalMs, the last change always published). */
  subscribe(listener: (s: DeskSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The whole redacted event log ring, oldest first. */
  eventLog(): EventLogEntry[] {
    return this.state.log.entries();
  }

  async signIn(req: SignInRequest): Promise<DeskResult<SignedIn>> {
    const phase = this.state.session.phase;
    if (phase === 'signing-in' || phase === 'signing-out') return refused('session-busy');
    if (phase === 'signed-in') return refused('already-signed-in-here');
    if (phase === 'signing-in-again') return refused('signing-in-again');
    // Signing in by hand: a retake question and a kept password belong to the last session.
    this.continuity.manualSignIn();
    this.state.session = { ...this.state.session, phase: 'signing-in', retake: null };
    this.state.addLog(
      'command',
      'signIn',
      `agent ${req.agentId}${req.force === true ? ' (force)' : ''}`,
    );
    const r = await runSignIn(
      {
        connections: this.opts.connections,
        factory: this.opts.gatewayFactory,
        observer: this.observer,
        logger: this.logger,
        afterCall: this.opts.afterCall?.() ?? 'ready',
      },
      req,
    ).catch((err: unknown) => failed(err));
    if (r.ok && this.disposed) {
      // Disposed while signing in: leave no session behind at the gateway.
      const out = await r.value.api.logout();
      if (!out.ok)
        this.logger.warn('desk.dispose.logout-failed', { error: describeError(out.error) });
      r.value.api.close();
      return { ok: false, error: { kind: 'internal', detail: 'the desk was closed' } };
    }
    if (!r.ok) {
      this.state.session = { ...this.state.session, phase: 'signed-out' };
      this.state.addLog('error', 'signIn', describeError(r.error));
      this.logger.warn('desk.sign-in.failed', {
        agentId: req.agentId,
        error: describeError(r.error),
      });
      return r;
    }
    const now = this.clock.now();
    // One reading of the answer for both the reply and the snapshot (§3.1).
    const password = passwordFacts(r.value.info);
    this.deferredEnd = null;
    this.state.signedIn(req.agentId, req.phone, password, gatewayRole(r.value.gateway));
    this.continuity.started(
      { agentId: req.agentId, phone: req.phone, password: req.password },
      r.value,
    );
    this.adopt(r.value.api, r.value.connection.pollTimeoutMs);
    this.logger.info('desk.signed-in', { agentId: req.agentId, server: r.value.info.serverName });
    return {
      ok: true,
      value: {
        agentId: req.agentId,
        phone: req.phone,
        signedInAt: now,
        mustChangePassword: password.mustChange,
        passwordDaysLeft: password.daysLeft,
      },
    };
  }

  /**
   * Signs out — never during a call (§3.5: the gateway would keep the agent signed in). The
   * gateway is asked first (`agentstatus`): a call the desk did not show refuses the sign-out
   * and is shown. A logout refused anyway (e.g. `100-010`) is confirmed with `agentstatus`:
   * the agent stays signed in, polling goes on, and the answer says why in plain words.
   * `100-008` (already signed out) and a signed-out answer end the session like a success.
   */
  async signOut(): Promise<DeskResult<void>> {
    const phase = this.state.session.phase;
    if (phase === 'signing-in' || phase === 'signing-out') return refused('session-busy');
    // While signing in again there is no session: signing out stops it (the password goes).
    if (this.continuity.stop('agent')) return { ok: true, value: undefined };
    const api = this.activeApi();
    if (api === null) return refused('not-signed-in');
    if (isCallActive(this.state.call)) return refused('call-active');
    this.state.session = { ...this.state.session, phase: 'signing-out' };
    this.state.changed();
    const before = await api.agentStatus();
    if (before.ok && before.value.isWorking) return this.keptSignedIn(null);
    const r = await api.logout();
    if (r.ok || r.error.kind === 'signed-out') {
      this.endSession({ kind: 'agent' }, null);
      return { ok: true, value: undefined };
    }
    this.state.addLog('error', 'logout', describeError(r.error));
    // §3.5: whatever a refused logout says, ask whether the agent is still signed in.
    const after = await api.agentStatus();
    if (after.ok && after.value.isWorking) {
      return this.keptSignedIn(
        r.error.kind === 'gateway' ? r.error.retcode : LOGOUT_IN_CALL_RETCODE,
      );
    }
    if (!after.ok && after.error.kind === 'signed-out') {
      this.endSession({ kind: 'agent' }, null);
      return { ok: true, value: undefined };
    }
    this.backToSignedIn();
    return r;
  }

  /** A call is up at the gateway: the agent stays signed in; show the call and say so. */
  private keptSignedIn(retcode: string | null): DeskResult<void> {
    this.backToSignedIn();
    this.state.addLog(
      'connection',
      'logout',
      retcode === null
        ? 'not sent: the gateway has a call up'
        : `refused (${retcode}) during a call: still signed in`,
    );
    this.runResync('sign-out refused');
    return refused('call-up-at-gateway', retcode ?? undefined);
  }

  /** Sign-out did not happen: signed in as before, and a loop end held meanwhile applies. */
  private backToSignedIn(): void {
    this.state.session = { ...this.state.session, phase: 'signed-in' };
    this.state.changed();
    const deferred = this.deferredEnd;
    this.deferredEnd = null;
    if (deferred !== null) this.loopEnded(deferred);
  }

  /** Sent now even during a call (the gateway queues it, §6.1 state 9); pending until its event. */
  setAgentState(req: AgentStateRequest): Promise<DeskResult<void>> {
    return this.calls.setAgentState(req);
  }

  /** Concurrent calls for one preview return the same promise (one previewCallout). */
  dialPreview(req: DialPreviewRequest): Promise<DeskResult<{ callId: string | null }>> {
    return this.calls.dialPreview(req);
  }

  /**
   * Concurrent calls for one preview return the same promise (one cancelPreviewCallout);
   * `notReady` sets the agent not ready first (issue #13 §3).
   */
  declinePreview(req: DeclinePreviewRequest): Promise<DeskResult<void>> {
    return this.calls.declinePreview(req.controlId, false, req.notReady);
  }

  /** Resolves once the keys are queued; `snapshot().call.dtmf` shows their progress. */
  sendDigits(req: SendDigitsRequest): Promise<DeskResult<void>> {
    return this.calls.sendDigits(req.digits);
  }

  /** `200-017` (no call to hang up) counts as success (§5.5). */
  hangUp(): Promise<DeskResult<void>> {
    return this.calls.hangUp();
  }

  /** The one Extend of wrap-up (issue #13 §1). */
  async extendWrapUp(): Promise<DeskResult<WrapUpView>> {
    if (this.activeApi() === null) return this.calls.notSignedIn();
    return this.wrapUp.extend();
  }

  holdCall(): Promise<DeskResult<void>> {
    return this.calls.hold();
  }

  unholdCall(): Promise<DeskResult<void>> {
    return this.calls.unhold();
  }

  /** Sign in now (or, with `force`, the retake question's yes) while signing in again. */
  signInAgainNow(req: SignInAgainNowRequest): Promise<DeskResult<void>> {
    return this.continuity.now(req);
  }

  /** Stop signing in again (or "not now" to the retake question); the kept password goes. */
  async stopSigningInAgain(): Promise<DeskResult<void>> {
    return this.continuity.stop('stopped')
      ? { ok: true, value: undefined }
      : refused('not-signing-in-again');
  }

  /** After OS sleep: poll at once (no waiting out a backoff) and re-sync the screen. */
  resume(): void {
    this.state.addLog('connection', 'resume', 'woke from sleep: reconnect and re-sync');
    if (this.state.session.phase === 'signing-in-again') {
      void this.continuity.now({}).catch((err: unknown) => {
        this.logger.warn('desk.resume.sign-in-again-failed', { error: String(err) });
      });
      return;
    }
    if (this.activeApi() === null || this.loop === null) return;
    this.loop.kick();
    this.runResync('resume');
  }

  /** Stops the loop and every timer, signs out when possible and closes the session. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.continuity.dispose();
    const api = this.api;
    this.loop?.stop();
    this.loop = null;
    this.glance.stop();
    this.wrapUp.stop();
    this.state.previews.stopAll();
    this.calls.dispose();
    if (
      api !== null &&
      this.state.session.phase === 'signed-in' &&
      !isCallActive(this.state.call)
    ) {
      const r = await api.logout();
      if (!r.ok) this.logger.warn('desk.dispose.logout-failed', { error: describeError(r.error) });
    }
    api?.close();
    this.api = null;
    this.publisher.cancel();
    this.listeners.clear();
  }

  private activeApi(): GatewayApi | null {
    return this.state.session.phase === 'signed-in' ? this.api : null;
  }

  /** Makes `api` the session (a new one, or the old one come back) and polls it. */
  private adopt(api: GatewayApi, pollTimeoutMs: number | undefined): void {
    this.api = api;
    this.deferredEnd = null;
    this.startLoop(api, pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS);
    this.glance.start(api);
  }

  private startLoop(api: GatewayApi, pollTimeoutMs: number): void {
    const confirmDelaysMs = this.continuity.confirmDelays();
    this.loop = new PollLoop({
      api,
      clock: this.clock,
      random: this.opts.random ?? Math.random,
      pollGapMs: this.opts.pollGapMs ?? (() => 200),
      lostAfterMs: this.opts.lostAfterMs ?? 110_000,
      pollTimeoutMs,
      ...(confirmDelaysMs === undefined ? {} : { confirmDelaysMs }),
      endWhenNodeDown: this.continuity.canSignInAgain(),
      ...(this.opts.confirmDeadlineMs === undefined
        ? {}
        : { confirmDeadlineMs: this.opts.confirmDeadlineMs }),
      hooks: {
        onEvent: (ev) => {
          const effect = this.state.applyEvent(ev);
          this.wrapUp.agentChanged();
          this.calls.agentChanged();
          if (effect === 'call-finished') this.calls.callFinished();
          if (effect === 'shutdown') this.shutdownService();
          else this.continuity.agentChanged(ev.kind);
        },
        onStatus: ({ health, error, cause, nextAttemptAt }) => {
          this.state.setHealth(health, error, nextAttemptAt, cause);
          this.glance.connectionChanged(health === 'live');
          const detail = describeHealth(health, error, cause);
          this.state.addLog('connection', 'health', detail);
          if (health !== 'live') this.logger.warn('desk.connection', { health, detail });
          else this.logger.info('desk.connection', { health });
        },
        onSuccess: (at) => {
          this.state.connection = { ...this.state.connection, lastSuccessAt: at };
          this.continuity.answered(at);
        },
        onReconnected: () => this.runResync('reconnect'),
        onNotice: (notice) => this.loopNotice(notice),
        onEnd: (end) => this.loopEnded(end),
      },
    });
    this.loop.start();
  }

  /** A loop notice: one event-log line, and a warning in the app log where it needs action. */
  private loopNotice(notice: LoopNotice): void {
    const text = describeNotice(notice);
    this.state.addLog('connection', notice.kind, text);
    if (notice.kind === 'poll-timeout-short' || notice.kind === 'update-guid-refused') {
      this.logger.warn(`desk.${notice.kind}`, { detail: text });
    } else this.logger.info(`desk.${notice.kind}`, { detail: text });
  }

  /** AgentOther_ShutdownService: continuity decides (silence sign-out, or on purpose). */
  private shutdownService(): void {
    const api = this.api;
    if (api === null) return;
    this.stopSession();
    this.continuity.shutdown(api);
  }

  /**
   * Stops polling the session and hands its client over (it is not closed here). The queue
   * figures stay, marked stale; a wrap-up's timer goes with the session, so no Ready is sent
   * into the gap (the next session's state starts its own).
   */
  private stopSession(): void {
    this.loop?.stop();
    this.loop = null;
    this.glance.suspend();
    this.wrapUp.stop();
    this.api = null;
    this.deferredEnd = null;
    this.resyncRun += 1;
  }

  private loopEnded(end: LoopEnd): void {
    if (this.state.session.phase === 'signing-out') {
      this.deferredEnd = end;
      return;
    }
    const api = this.api;
    if (api !== null && this.continuity.canSignInAgain()) {
      this.stopSession();
      if (this.continuity.takeOver(end, api)) return;
      this.api = api;
    }
    if (end.kind === 'kicked') {
      const reason: SignOutReason =
        end.confirmed === null
          ? { kind: 'kicked', retcode: end.retcode }
          : { kind: 'kicked', retcode: end.retcode, confirmed: end.confirmed };
      this.endSession(reason, end.error);
    } else {
      const error: DeskError = end.error ??
        this.state.connection.error ?? { kind: 'timeout', phase: 'poll' };
      const detail =
        end.kind === 'lost' ? end.detail : 'the gateway refuses connections (nothing listens)';
      this.endSession({ kind: 'lost', detail }, error);
    }
  }

  /**
   * Re-syncs the screen with the session. `escalate: false` (after continuity resumed the old
   * session): a signed-out or lost answer only updates the screen and is logged; whether the
   * session is really gone is left to the poll loop's own checks, so a gateway that accepts
   * the old Guid but reports the agent signed out cannot turn resume and take-over into a
   * loop without backoff.
   */
  private runResync(why: string, escalate = true): void {
    const api = this.api;
    if (api === null) return;
    const run = ++this.resyncRun;
    resync(api, this.state, why, () => run === this.resyncRun && this.api === api).then(
      (outcome) => {
        this.wrapUp.agentChanged();
        this.calls.agentChanged();
        if (outcome.kind === 'call-gone') this.calls.callFinished();
        if (!escalate && (outcome.kind === 'signed-out' || outcome.kind === 'lost')) {
          const detail = outcome.kind === 'lost' ? outcome.detail : describeError(outcome.error);
          this.state.addLog('connection', 'resync', `${why}: ${detail}; the poll decides`);
          return;
        }
        // §2.2: one signed-out answer is confirmed by the loop before anything ends.
        if (outcome.kind === 'signed-out') this.loop?.gatewayAnswered(outcome.error.retcode);
        if (outcome.kind === 'lost')
          this.loopEnded({ kind: 'lost', detail: outcome.detail, error: null });
      },
      (err: unknown) => {
        this.state.connection = { ...this.state.connection, resyncing: false };
        this.state.addLog('error', 'resync', `failed: ${String(err)}`);
      },
    );
  }

  /** Every end of a session, visible: lost/kicked keep health `lost` with the reason. */
  private endSession(reason: SignOutReason, error: GatewayError | DeskError | null): void {
    const api = this.api;
    // What a lost session stops, and then what only an ended one lets go.
    this.stopSession();
    api?.close();
    this.glance.stop();
    this.calls.callFinished();
    const lost = this.state.signedOut(reason, error);
    const log = lost ? this.logger.error : this.logger.info;
    log.call(this.logger, 'desk.signed-out', { reason: describeReason(reason) });
  }

  private publish(): void {
    const snapshot = this.state.snapshot();
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch (err: unknown) {
        this.logger.error('desk.listener-threw', { error: String(err) });
      }
    }
  }
}
