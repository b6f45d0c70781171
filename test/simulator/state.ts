/**
 * In-memory state of one simulated gateway: sessions keyed by agent ID
 * (gateway-protocol.md §9.1), plus what tests read back (DTMF, request log).
 */
import type {
  Fault,
  PreviewEventScript,
  QueueFigures,
  SessionEnd,
  SimSkill,
  ReleasePreviewMoment,
  RequestRecord,
  SimAgent,
} from './types';

/** Options with every default filled in. */
export interface ResolvedOptions {
  node: number;
  authMode: 1 | 2;
  guidRotateMs: number;
  guidGraceMs: number;
  guidSetOnce: boolean;
  pollHoldMs: number;
  sessionTimeoutMs: number;
  eventGenTime: boolean;
  previewEveryMs: number | null;
  autoAnswerMs: number | null;
  callStepMs: number;
  forceLoginAllowed: boolean;
  agents: SimAgent[];
  /** How long a sign-in takes, so a second one can overlap it (`100-021`). */
  signInDelayMs: number;
  successMessage: string | null;
  strictPaths: boolean;
  /** The documented reading of `isNoContainLastCall` (see SimulatorOptions). */
  callinfoLastCall: boolean;
  previewEvent: PreviewEventScript;
  releasePreviewLate: ReleasePreviewMoment | null;
  afterCall: 'ready' | 'wrap-up';
  logoutInCallCode: string;
  repeatedLogoutCode: '100-006' | '100-008';
  emptyResultOnDial: boolean;
  forceNotReady: boolean;
  forceNotReadyNull: boolean;
  eventArray: boolean;
  acdStatAsText: boolean;
  /** The skill catalogue the simulator starts with. */
  skills: ReadonlyArray<SimSkill>;
}

/** A preview offered and not yet dialled or declined. */
export interface PendingPreview {
  controlId: string;
  numbers: string[];
  callData: string;
}

/** A call of the agent: the current one, or one held while another was dialled (§5.1). */
export interface SimCall {
  callId: string;
  caller: string;
  called: string;
  callData: string;
  /** Where the script is heading: actions are checked against this, not the emitted events. */
  phase: 'dialling' | 'talking' | 'held' | 'ending';
  beginTime: number | null;
  /** Send `AgentEvent_Release_Preview` once the call has ended (`releasePreviewLate`). */
  releaseAtEnd: boolean;
}

/** A state the agent asked for during a call, applied when the call ends (§3.6). */
export type AfterCall =
  | { kind: 'busy'; reason: number }
  | { kind: 'rest'; seconds: number; cause: number }
  | { kind: 'work' }
  /** An inspector's forced busy (`AgentState_Force_SetNotReady`), with its content JSON. */
  | { kind: 'forced-busy'; reason: string | null }
  /** A supervisor's forced idle (`AgentState_Force_Ready`). */
  | { kind: 'forced-ready' }
  | null;

/** A held long poll: answer it with an event text, or null for the empty reply. */
export interface PollWaiter {
  answer(eventText: string | null): void;
  /**
   * An array-mode poll: the first event was queued; collect the rest of this tick and answer
   * with the whole queue.
   */
  collect?: () => void;
}

/** One signed-in agent. */
export class Session {
  guid: string;
  guidIssuedAt: number;
  /** Guids replaced by a rotation or `updateGuid`, each accepted until `issuedAt + guidGraceMs`. */
  previous: Array<{ guid: string; issuedAt: number }> = [];
  state: number;
  since: number;
  autoEnterIdle = true;
  autoAnswer = true;
  /** Signed in with `releasephone: true` (non-always-off-hook, §3.1). */
  releasePhone = true;
  busyReason = 0;
  /** Skills joined with `resetskill` (§3.4): counted in `queryacdstat`. */
  skills: number[] = [];
  /** The pending `AgentState_Rest_Timeout` of the current rest. */
  restTimer: NodeJS.Timeout | null = null;
  readonly previews = new Map<string, PendingPreview>();
  /**
   * Control ids of previews dialled, declined or withdrawn: dialling or declining one again
   * answers `200-036` (§9 rule 13, §10.1). Bounded.
   */
  readonly closed = new Set<string>();
  /** Releases of dialled previews held until the next offer (`releasePreviewLate`). */
  lateReleases = 0;
  /** Second events of two-event offers not sent yet, by control id (`detailsAfterMs`). */
  readonly offerTimers = new Map<string, NodeJS.Timeout>();
  /** Offers held back while the agent cannot be offered a preview (wrap-up, §9 rule 17). */
  readonly deferred = new Map<string, () => void>();
  /** The current call (possibly held). */
  call: SimCall | null = null;
  /** A held call set aside when a preview was dialled meanwhile (one at most). */
  held: SimCall | null = null;
  lastCall: SimCall | null = null;
  afterCall: AfterCall = null;
  /** Event texts (one JSON object each) not yet polled. */
  readonly queue: string[] = [];
  waiter: PollWaiter | null = null;
  lastRequestAt: number;
  /** Scripted steps, run one per `callStepMs`. */
  readonly steps: Array<() => void> = [];
  stepTimer: NodeJS.Timeout | null = null;
  readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly agentId: string,
    readonly phone: string,
    readonly loginTime: number,
    guid: string,
    state: number,
  ) {
    this.guid = guid;
    this.guidIssuedAt = loginTime;
    this.state = state;
    this.since = loginTime;
    this.lastRequestAt = loginTime;
  }

  /** The agent has a call up: current or held (`agentstatus.isWorking`, §3.8). */
  inCall(): boolean {
    return this.call !== null || this.held !== null;
  }

  /** Change the §6.1 state and remember when. Leaving rest forgets its reminder. */
  setState(state: number, now: number): void {
    if (this.state === state) return;
    if (this.restTimer !== null) {
      this.cancel(this.restTimer);
      this.restTimer = null;
    }
    this.state = state;
    this.since = now;
  }

  /** Run `fn` after `ms` unless the session ends first; the handle cancels it. */
  later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  /** Cancel a timer made by `later`. */
  cancel(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Stop every timer of this session (it ended). */
  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.stepTimer !== null) clearTimeout(this.stepTimer);
    this.stepTimer = null;
    this.steps.length = 0;
  }
}

/** Everything a gateway instance holds. */
export class SimState {
  readonly sessions = new Map<string, Session>();
  /** Guids of sessions that ended: requests bearing them get `100-006` (§3.2). */
  readonly retiredGuids = new Set<string>();
  /** Agents whose sign-in is being processed (`100-021`). */
  readonly signingIn = new Set<string>();
  readonly dtmf = new Map<string, Array<{ callId: string; requests: string[] }>>();
  readonly log: RequestRecord[] = [];
  /** How sessions ended, oldest first (bounded). */
  readonly ends: SessionEnd[] = [];
  faults: Array<Fault & { left: number }> = [];
  callCounter = 1000;
  /** The platform's skill queues by id. */
  readonly skills = new Map<number, { name: string; mediaType: number }>();
  /** Queue figures set by tests, per skill (the others are counted). */
  readonly queueFigures = new Map<number, Partial<QueueFigures>>();
  /** Bumped on every reset, so work started before a restart can tell it is stale. */
  epoch = 0;
  /**
   * Calls the CTI platform keeps for an agent's next session on this gateway (issue #11:
   * `carryCall`, `restart({ keepCalls })`). Platform state: survives restarts, like accounts.
   */
  readonly carried = new Map<string, SimCall>();

  constructor(readonly opts: ResolvedOptions) {
    for (const k of opts.skills) {
      this.skills.set(k.id, { name: k.name, mediaType: k.mediaType ?? 5 });
    }
  }

  /** The known account with this ID, if any. */
  agent(agentId: string): SimAgent | undefined {
    return this.opts.agents.find((a) => a.id === agentId);
  }

  /**
   * Forget sessions (restart, kill): timers stop, held polls are left to the dropped sockets.
   * With `keepCalls`, each live call (current, else held) is carried into the agent's next
   * session; a call still being set up is lost (its script died with the gateway).
   */
  resetSessions(keepCalls = false): void {
    for (const s of this.sessions.values()) {
      const call = [s.call, s.held].find(
        (c) => c !== null && (c.phase === 'talking' || c.phase === 'held'),
      );
      if (keepCalls && call !== undefined && call !== null) {
        this.carried.set(s.agentId, { ...call, releaseAtEnd: false });
      }
      s.dispose();
      this.ends.push({ agentId: s.agentId, reason: 'restart', at: Date.now() });
    }
    this.sessions.clear();
    this.retiredGuids.clear();
    this.signingIn.clear();
    this.epoch += 1;
  }
}
