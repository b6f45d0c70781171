import type {
  AgentView,
  CallView,
  ConnectionHealth,
  ConnectionView,
  CallDataView,
  CountdownAction,
  DeskError,
  DeskSnapshot,
  EventLogCategory,
  HealthCause,
  PasswordFacts,
  GatewayRole,
  PreviewView,
  QueueGlanceView,
  WrapUpView,
  RecentPreview,
  SessionLoss,
  SessionView,
  SignInAgainView,
  SignOutReason,
} from '../ipc/contract';
import type { GatewayEvent } from '../gateway/types';
import type { Clock } from './clock';
import { applyAgentEvent, initialAgent } from './agent-state';
import { applyCallEvent, isCallActive, newCall } from './call-machine';
import { EventLog, SNAPSHOT_LOG_ENTRIES } from './event-log';
import { PreviewQueue, type AutoActionCause } from './previews';
import { describeReason, summarizeEvent } from './summaries';

/** What the desk must do after an event beyond updating the views. */
export type EventEffect = 'none' | 'shutdown' | 'call-finished';

/**
 * Everything the snapshot shows, and the reducers that change it from gateway events.
 * Views are replaced, never mutated in place, so a published snapshot stays as it was.
 */
export class DeskState {
  session: SessionView = {
    phase: 'signed-out',
    agentId: null,
    phone: null,
    signedInAt: null,
    lastSignOut: null,
    password: null,
    signInAgain: null,
    retake: null,
  };
  connection: ConnectionView;
  agent: AgentView;
  call: CallView | null = null;
  /** The queue glance (issue #13 §4), null when hidden; set by QueueGlance. */
  queue: QueueGlanceView | null = null;
  /** After-call work (issue #13 §1), null outside wrap-up; set by WrapUp. */
  wrapUp: WrapUpView | null = null;
  /** The preview the current call came from, and its recent entry once finished. */
  callOrigin: { preview: PreviewView | null; recent: RecentPreview | null } | null = null;
  readonly previews: PreviewQueue;
  readonly log = new EventLog();
  /** Moves each time a different call is shown (DTMF drivers belong to one call). */
  callSerial = 0;
  private pendingCause: { cause: number | null; description: string } | null = null;
  /** Ids of the last calls that ended: their late release events must not end the next call. */
  private endedCallIds: string[] = [];
  /**
   * The session was signed in busy (`status: 3`, issue #11): the `AgentState_Ready` the gateway
   * sends with every sign-in (§3.1) before `AgentState_SetNotReady_Success` is not shown, so
   * the screen never says ready when the agent was not.
   */
  private busySignInBurst = false;
  private version = 0;

  constructor(
    private readonly clock: Clock,
    private readonly countdown: () => { seconds: number; action: CountdownAction },
    onAutoAction: (controlId: string, action: CountdownAction, cause: AutoActionCause) => void,
    private readonly onChange: () => void,
  ) {
    const now = clock.now();
    this.connection = {
      health: 'offline',
      since: now,
      error: null,
      cause: null,
      nextAttemptAt: null,
      lastSuccessAt: null,
      resyncing: false,
      gateway: null,
    };
    this.agent = initialAgent(now, 'signed-out');
    this.previews = new PreviewQueue(clock, onAutoAction);
  }

  now(): number {
    return this.clock.now();
  }

  /** Marks a change: the version moves and a (coalesced) publish is scheduled. */
  changed(): void {
    this.version += 1;
    this.onChange();
  }

  addLog(category: EventLogCategory, name: string, summary: string): void {
    this.log.add(this.clock.now(), category, name, summary);
    this.changed();
  }

  snapshot(): DeskSnapshot {
    return {
      seq: this.version,
      at: this.clock.now(),
      session: {
        ...this.session,
        password: this.session.password === null ? null : { ...this.session.password },
      },
      connection: { ...this.connection },
      agent: { ...this.agent },
      previews: this.previews.list(),
      recent: this.previews.recent().slice(),
      call: this.call === null ? null : { ...this.call, dtmf: { ...this.call.dtmf } },
      queue: this.queue,
      wrapUp: this.wrapUp === null ? null : { ...this.wrapUp },
      log: { total: this.log.total, latest: this.log.latest(SNAPSHOT_LOG_ENTRIES) },
    };
  }

  setHealth(
    health: ConnectionHealth,
    error: DeskError | null,
    nextAttemptAt: number | null = null,
    cause: HealthCause | null = null,
  ): void {
    const c = this.connection;
    const since = c.health === health ? c.since : this.clock.now();
    this.connection = { ...c, health, since, error, nextAttemptAt, cause };
    this.changed();
  }

  /**
   * The session is up: fresh agent view, health live, the liveness clock starts now. The
   * password facts live in the session so a reloaded renderer sees them again (design.md §2).
   */
  signedIn(agentId: string, phone: string, password: PasswordFacts, gateway: GatewayRole): void {
    const now = this.clock.now();
    this.session = {
      phase: 'signed-in',
      agentId,
      phone,
      signedInAt: now,
      lastSignOut: null,
      password: { ...password },
      signInAgain: null,
      retake: null,
    };
    this.agent = initialAgent(now);
    this.busySignInBurst = false;
    this.connection = { ...this.connection, lastSuccessAt: now, resyncing: false, gateway };
    this.setHealth('live', null);
  }

  /**
   * The session was lost and the desk signs in again by itself (issue #11): the desk screen
   * stays (previews, the call as last known, recent), commands wait, the agent state is not
   * known until the gateway answers again.
   */
  signingInAgain(view: SignInAgainView, error: DeskError | null): void {
    this.session = { ...this.session, phase: 'signing-in-again', signInAgain: view, retake: null };
    this.agent = { ...initialAgent(this.clock.now(), 'signed-out'), pending: this.agent.pending };
    this.connection = { ...this.connection, resyncing: false, gateway: null };
    this.setHealth('reconnecting', view.lastError ?? error, view.nextAttemptAt);
  }

  /** A new view of the attempts (the status bar's "attempt n, next in s"). */
  signInAgainChanged(view: SignInAgainView): void {
    if (this.session.phase !== 'signing-in-again') return;
    this.session = { ...this.session, signInAgain: view };
    this.setHealth('reconnecting', view.lastError ?? this.connection.error, view.nextAttemptAt);
  }

  /**
   * Signed in again by itself on a new session: same agent, previews of the old session
   * withdrawn (the gateway that lost it offers them no more), the call kept for the re-sync to
   * decide, health live on `gateway`. `busy`: signed in with `status: 3`.
   */
  signedInAgain(password: PasswordFacts, gateway: GatewayRole, loss: SessionLoss): void {
    const now = this.clock.now();
    this.previews.clear(now, loss);
    this.session = {
      ...this.session,
      phase: 'signed-in',
      signedInAt: now,
      lastSignOut: null,
      password: { ...password },
      signInAgain: null,
      retake: null,
    };
    this.agent = { ...initialAgent(now), pending: this.agent.pending };
    this.busySignInBurst = true;
    this.connection = { ...this.connection, lastSuccessAt: now, resyncing: false, gateway };
    this.setHealth('live', null);
  }

  /** The old session answered after all: signed in as before, on `gateway`. */
  resumedSession(gateway: GatewayRole): void {
    this.session = { ...this.session, phase: 'signed-in', signInAgain: null, retake: null };
    this.connection = { ...this.connection, gateway };
    this.setHealth('live', null);
  }

  /**
   * The session ended: previews and call are forgotten and the reason stays visible
   * (design.md §3: never stop silently). Kicked and lost keep health `lost` with the
   * error; returns whether it was one of those.
   */
  signedOut(reason: SignOutReason, error: DeskError | null): boolean {
    this.forgetWork();
    this.queue = null;
    const now = this.clock.now();
    this.session = {
      phase: 'signed-out',
      agentId: null,
      phone: null,
      signedInAt: null,
      lastSignOut: reason,
      // The facts belong to the session that ended (any way out: agent, kicked, lost, shutdown).
      password: null,
      signInAgain: null,
      retake: null,
    };
    this.agent = initialAgent(now, 'signed-out');
    this.connection = { ...this.connection, resyncing: false, gateway: null };
    // Health `lost` (with the error) when the link or the session failed; offline when someone
    // ended it on purpose (the agent, a supervisor, another desk) or the agent stopped.
    const lost =
      reason.kind === 'kicked' ||
      reason.kind === 'lost' ||
      (reason.kind === 'not-signed-in-again' && reason.end !== 'stopped');
    this.setHealth(lost ? 'lost' : 'offline', lost ? error : null);
    this.addLog(lost ? 'error' : 'connection', 'signed-out', describeReason(reason));
    return lost;
  }

  /** Starts the call view for a dial (the preview leaves the queue when the dial succeeds). */
  startCall(preview: PreviewView, number: string): void {
    this.call = newCall(preview.controlId, number, this.clock.now(), preview.callData);
    this.callSerial += 1;
    this.callOrigin = { preview, recent: null };
    this.pendingCause = null;
    this.changed();
  }

  /** Applies one gateway event to previews, call and agent state. */
  applyEvent(ev: GatewayEvent): EventEffect {
    const now = this.clock.now();
    this.log.add(now, 'event', ev.eventType, summarizeEvent(ev));
    this.changed();
    if (ev.kind === 'preview-offered') {
      if (this.previews.offer(ev, now, this.countdown()) === 'merged') {
        const held = this.previews.get(ev.controlId);
        const numbers = held?.numbers.length ?? 0;
        this.log.add(
          now,
          'event',
          ev.eventType,
          `preview ${ev.controlId} merged: ${numbers} number(s)`,
        );
      }
      return 'none';
    }
    if (ev.kind === 'preview-released') {
      this.applyRelease(ev.eventType, now);
      return 'none';
    }
    if (ev.kind === 'shutdown-service') return 'shutdown';
    if (this.skipsBurstReady(ev)) {
      this.log.add(now, 'event', ev.eventType, 'part of the busy sign-in (not shown as ready)');
      return 'none';
    }
    this.agent = applyAgentEvent(this.agent, ev, now);
    return this.applyCall(ev, now);
  }

  /**
   * A busy sign-in's events are InService, Ready, SetNotReady_Success (§3.1): that Ready is
   * skipped; any other agent-state event ends the burst.
   */
  private skipsBurstReady(ev: GatewayEvent): boolean {
    if (!this.busySignInBurst || ev.kind === 'in-service') return false;
    if (!ev.kind.startsWith('state-') && ev.kind !== 'agent-busy') return false;
    if (ev.kind === 'state-ready') return true;
    this.busySignInBurst = false;
    return false;
  }

  /** §7.1: a release names no preview; the queue decides what it may mean. */
  private applyRelease(eventType: string, now: number): void {
    const previewCallUp = isCallActive(this.call) && this.call?.controlId != null;
    const outcome = this.previews.released(now, previewCallUp);
    if (outcome.kind === 'withdrawn') {
      this.log.add(now, 'event', eventType, `preview ${outcome.preview.controlId} withdrawn`);
    } else if (outcome.kind === 'marked') {
      const ids = outcome.controlIds.join(', ');
      this.log.add(now, 'event', eventType, `may have withdrawn preview ${ids}: the dial decides`);
    }
  }

  private applyCall(ev: GatewayEvent, now: number): EventEffect {
    if (this.isLateEnding(ev)) return 'none';
    this.attachUncertainDial(ev);
    if (ev.kind === 'talking' && this.isForeignCall(ev.callId)) {
      // A call we did not dial (e.g. found by re-sync): show it rather than ignore it.
      this.showForeignCall(ev.callId, ev.called, 'talking');
    }
    const wasActive = isCallActive(this.call);
    const step = applyCallEvent(this.call, ev, now, this.pendingCause);
    this.call = step.call;
    this.pendingCause = step.pendingCause;
    const origin = this.callOrigin;
    if (step.finished !== null && origin?.preview != null && this.call !== null) {
      origin.recent = this.previews.addRecent(
        origin.preview,
        { kind: 'called', number: this.call.number, ...step.finished },
        now,
      );
    }
    if (step.failureUpdated && origin?.recent != null && this.call?.failure != null) {
      const outcome = origin.recent.outcome;
      if (outcome.kind === 'called') {
        origin.recent = this.previews.updateRecent(origin.recent, {
          ...outcome,
          failure: this.call.failure,
        });
      }
    }
    if (wasActive && !isCallActive(this.call)) {
      // A preview call ended: a later release may be its own (§7.1, §9 rule 13).
      if (origin?.preview != null) this.previews.dialActivity();
      const ended = this.call?.callId ?? null;
      if (ended !== null) this.endedCallIds = [ended, ...this.endedCallIds].slice(0, 8);
      return 'call-finished';
    }
    return 'none';
  }

  /**
   * A release or failure event of a call that already ended (a `Customer_Release` trailing
   * its `Call_Release`, §7.2) while the next call is being set up: it must not end that one.
   */
  private isLateEnding(ev: GatewayEvent): boolean {
    if (
      ev.kind !== 'call-release' &&
      ev.kind !== 'customer-release' &&
      ev.kind !== 'call-out-fail' &&
      ev.kind !== 'connect-fail'
    ) {
      return false;
    }
    return (
      ev.callId !== '' && this.call?.callId !== ev.callId && this.endedCallIds.includes(ev.callId)
    );
  }

  /**
   * A dial whose answer was lost, with no call found afterwards, did reach the gateway after
   * all: the call's first events arrive. The call is that preview's (§5.1 item 12).
   */
  private attachUncertainDial(ev: GatewayEvent): void {
    if (ev.kind !== 'phone-alerting' && ev.kind !== 'customer-alerting' && ev.kind !== 'talking') {
      return;
    }
    if (isCallActive(this.call)) return;
    const preview = this.previews.uncertainDial();
    if (preview === null || preview.dialUncertain === null) return;
    const { number } = preview.dialUncertain;
    this.previews.take(preview.controlId);
    this.previews.dialled();
    this.startCall({ ...preview, dialUncertain: null }, number);
    this.log.add(
      this.clock.now(),
      'command',
      'previewCallout',
      `preview ${preview.controlId}: the dial did reach the gateway`,
    );
  }

  /** Shows a call the desk did not dial (an event or re-sync found it), with its call data. */
  showForeignCall(
    callId: string,
    number: string,
    phase: 'talking',
    callData: CallDataView = { kind: 'empty' },
  ): void {
    const now = this.clock.now();
    this.call = {
      ...newCall(null, number, now, callData),
      callId: callId || null,
      phase,
      talkingSince: now,
    };
    this.callSerial += 1;
    this.callOrigin = null;
    this.pendingCause = null;
    this.changed();
  }

  private isForeignCall(callId: string): boolean {
    if (this.call === null) return true;
    if (isCallActive(this.call)) return false;
    return callId !== '' && callId !== this.call.callId;
  }

  /** Re-sync found no call at the gateway: a call we thought up has ended (design.md §3). */
  endCallGone(): boolean {
    if (this.call === null || !isCallActive(this.call)) return false;
    const now = this.clock.now();
    const ended = this.applyCall(
      {
        kind: 'call-release',
        callId: this.call.callId ?? '',
        eventType: 'resync',
        workNo: '',
        generatedAt: null,
      },
      now,
    );
    this.changed();
    return ended === 'call-finished';
  }

  /**
   * The session was lost with this call up, and the gateway of the new session does not have
   * it (issue #11 §3): the call is shown ended, "lost with the gateway", and Recent keeps an
   * entry for it even when it came from no preview. Returns whether a call was ended.
   */
  endCallLost(): boolean {
    const call = this.call;
    if (call === null || !isCallActive(call)) return false;
    const now = this.clock.now();
    this.call = {
      ...call,
      phase: 'ended',
      isHeld: false,
      endedAt: now,
      hangingUp: false,
      lostWithGateway: true,
    };
    const outcome = {
      kind: 'called' as const,
      number: call.number,
      result: 'lost' as const,
      failure: null,
    };
    const origin = this.callOrigin;
    const preview = origin?.preview ?? {
      controlId: call.controlId ?? '',
      numbers: [call.number],
      receivedAt: call.startedAt,
    };
    const recent = this.previews.addRecent(preview, outcome, now);
    if (origin !== null) origin.recent = recent;
    if (call.callId !== null) this.endedCallIds = [call.callId, ...this.endedCallIds].slice(0, 8);
    this.log.add(
      now,
      'connection',
      'call-lost',
      `call ${call.callId ?? '?'} lost with the gateway`,
    );
    this.changed();
    return true;
  }

  /** Forgets previews and the call (sign-out, lost, shutdown). */
  forgetWork(): void {
    this.endCallLost();
    this.previews.clear(this.clock.now());
    this.call = null;
    this.callSerial += 1;
    this.callOrigin = null;
    this.pendingCause = null;
    this.changed();
  }
}
