/**
 * Public types of the CC-Gateway simulator (design.md §6). Other suites code against these
 * names: change them only together with every caller.
 */

/** One agent account the simulator knows. */
export interface SimAgent {
  id: string;
  password: string;
  phone: string;
  /** Skill ids configured for the agent (`agentskills`, `resetskill`); default every skill. */
  skills?: number[];
  /** Sign-in answers `isForceChange: "true"`: the password must be changed (§3.1). */
  mustChangePassword?: boolean;
  /**
   * Every sign-in with the right password answers this retcode, e.g. `100-020` (password
   * expired), `110-016` (account locked), `100-003` (CTI unavailable).
   */
  signInRetcode?: string;
}

/** A call the platform carries into the agent's next session (`carryCall`). */
export interface CarriedCall {
  callId: string;
  /** The customer's number. */
  called: string;
  /** The agent's phone; default the phone the agent signs in with. */
  caller?: string;
  callData?: string;
  /** `talking` (default) or `held`. */
  phase?: 'talking' | 'held';
}

/** How a restart treats the calls up at that moment. */
export interface RestartOptions {
  /** Carry every live call into its agent's next session (default false: calls are lost). */
  keepCalls?: boolean;
}

/** A change to an account (test control); null clears `signInRetcode`. */
export interface AccountUpdate {
  password?: string;
  mustChangePassword?: boolean;
  signInRetcode?: string | null;
}

/** Why a session ended. */
export type EndReason =
  /** The agent's own `logout`. */
  | 'logout'
  /** The agent's own `forcelogout` / `forcelogoutwithreason`. */
  | 'forcelogout'
  /** A supervisor signed the agent out (`forceLogout`, `kick`). */
  | 'supervisor'
  /** Silence longer than `sessionTimeoutMs` (§2.3). */
  | 'timeout'
  /** A forced sign-in of the same agent elsewhere (§3.2). */
  | 'displaced'
  /** The `kill-session` fault. */
  | 'fault'
  /** The gateway restarted or was killed: every session lost. */
  | 'restart';

/** One session that ended, for assertions. */
export interface SessionEnd {
  agentId: string;
  reason: EndReason;
  /** Epoch ms. */
  at: number;
  /** A supervisor's cause code, when one was given (1–255). */
  cause?: number;
}

/** A skill queue of the simulated platform (§5.9). */
export interface SimSkill {
  id: number;
  name: string;
  /** §6.4 media type, default 5 (audio/video call). */
  mediaType?: number;
}

/** The four figures `queryacdstat` answers per skill (§5.9). */
export interface QueueFigures {
  /** Calls waiting in the queue. */
  queueSize: number;
  /** Longest wait of a call in the queue, seconds. */
  queueTime: number;
  /** Agents signed in to the skill. */
  loggedOnAgents: number;
  /** Of those, agents available (idle, no call). */
  availAgents: number;
}

/**
 * Figures to set for one skill: a number fixes it; null (or absent on a new skill) leaves it
 * to the simulator: 0 calls waiting, and the agents counted from the sessions that joined the
 * skill with `resetskill`. `name` creates or renames the skill.
 */
export type QueueUpdate = { [K in keyof QueueFigures]?: number | null } & { name?: string };

/** One skill queue as the simulator would answer it now. */
export interface QueueInfo extends QueueFigures {
  skillId: number;
  name: string;
  mediaType: number;
}

/** How to start a simulator. Every field is optional; defaults follow gateway-protocol.md. */
export interface SimulatorOptions {
  /** 0 = ephemeral (default); the host is always 127.0.0.1. */
  port?: number;
  /**
   * The gateway node (0–99, default 0): Guids end in `.AgentGateway<node>` and the
   * load-balancer cookie is `SIMLB=node<node>` (§2.1, §10.4). Give a backup another node.
   */
  node?: number;
  /** `AUTHMODE` (§2.2): 1 static Guid, 2 dynamic (default) = rotated Guid. */
  authMode?: 1 | 2;
  /** `GUIDINTERVAL`: rotation period, default 60 000 ms. */
  guidRotateMs?: number;
  /** `GUIDTIMEOUT`: an old Guid is accepted this long after it was issued, default 120 000. */
  guidGraceMs?: number;
  /**
   * Dynamic mode: `Set-GUID` only on the first poll (or heartbeat) reply after a rotation,
   * never repeated, even when later polls present the previous Guid (§2.2, §9 rule 15).
   * Default true; false repeats it on every reply to a request bearing a previous Guid.
   */
  guidSetOnce?: boolean;
  /**
   * Long-poll hold (§4.1, §9 rules 4 and 16), default 10 000 ms: a site setting, often raised
   * far beyond 20 s for disaster recovery. Same as `longPollHoldMs`.
   */
  pollHoldMs?: number;
  /** The name of `pollHoldMs` in issue #9; both given must agree. */
  longPollHoldMs?: number;
  /** `MAXTIME` (§2.3): silence that signs the agent out, default 120 000 ms. */
  sessionTimeoutMs?: number;
  /** Include `eventGenTime` in events (2025 docs), default true. */
  eventGenTime?: boolean;
  /** Demo: every N ms offer a random preview to each idle signed-in agent. */
  previewEveryMs?: number | null;
  /** Answer calls by themselves after N ms; null (default) waits for callAction('answer'). */
  autoAnswerMs?: number | null;
  /** Delay between scripted call events, default 50 ms. */
  callStepMs?: number;
  /** false → forcelogin answers `100-015`. Default true. */
  forceLoginAllowed?: boolean;
  /** Accounts; default 101..105 with password `pw<id>` and phone `8<id>`. */
  agents?: SimAgent[];
  /** How long a sign-in takes (a second one meanwhile gets `100-021`), default 20 ms. */
  signInDelayMs?: number;
  /** Write the CA as `ca.pem` in this folder. */
  certDir?: string;
  /**
   * `message` of every success envelope. Default null = as the documentation's examples
   * (§1.4, rule 6): `""`, except seconddialex and the heartbeat, whose pages show `"success"`.
   */
  successMessage?: string | null;
  /**
   * Match paths exactly, in the documented spelling (`previewCallout`, `updateGuid` …);
   * another case is an unknown path (`000-002`). false = any case (the C# demo's
   * `previewcallout`). Default true (§9 rule 19).
   */
  strictPaths?: boolean;
  /**
   * `callinfo?isNoContainLastCall=true` returns the last call when there is no current one,
   * as documented (§5.7, §9 rule 20). Default true; false = the name's reading (the last call
   * unless the flag is `true`), the same as `callinfoLegacy: true`.
   */
  callinfoLastCall?: boolean;
  /** The name's reading of `isNoContainLastCall` (the opposite of `callinfoLastCall`). */
  callinfoLegacy?: boolean;
  /** Which events announce a preview (§9 rule 12), default `callout`. */
  previewEvent?: PreviewEventScript;
  /**
   * Also send `AgentEvent_Release_Preview` (content null, no controlid) for a preview that
   * was dialled, at another moment than a decline (§9 rule 13): `after-dial` (right after
   * the successful previewCallout), `after-call` (when the dialled call has ended) or
   * `after-next-offer` (once the next preview has been offered, so two are in play).
   * `true` = `after-next-offer`. Default off.
   */
  releasePreviewLate?: boolean | ReleasePreviewMoment;
  /**
   * `wrap-up`: forced wrap-up (§3.1, §9 rule 17): an agent signed in with `releasephone:
   * true` (the sign-in page's default) ends every call in `AgentState_Work`, even with
   * `autoenteridle: true`, and stays there until `sayfree` / `cancelwork`. `ready`
   * (default): the call ends per `autoenteridle` (false → wrap-up).
   */
  afterCall?: 'ready' | 'wrap-up';
  /**
   * The answer to `logout` while the agent has a call (talking, ringing or held): the agent
   * stays signed in, session, Guid and call unchanged (§3.5, §9 rule 18). A retcode
   * `NNN-NNN`, or `0` for a success reply that still signs nobody out. Default `100-010`.
   */
  logoutInCallCode?: string;
  /**
   * The answer to `logout` / `forcelogout` bearing the Guid of a session that has ended (a
   * repeated sign-out): `100-006` (default, as any ended Guid) or `100-008` (already signed
   * out, §3.5, §9 rule 18).
   */
  repeatedLogoutCode?: '100-006' | '100-008';
  /**
   * A successful `previewCallout` answers `{"message":"","retcode":"0"}` with no `result`:
   * the client must learn the call id from the events (§5.1, §9 rule 6). Default false.
   */
  emptyResultOnDial?: boolean;
  /**
   * An inspector forces every agent not ready right after each sign-in:
   * `AgentState_Force_SetNotReady` follows the sign-in events (§7.3, §9 rule 14). Default
   * false; tests force one agent with `forceNotReady(id)` or the control API instead.
   */
  forceNotReady?: boolean;
  /** `AgentState_Force_SetNotReady` carries `content: null` instead of `{"reason":"3"}`. */
  forceNotReadyNull?: boolean;
  /**
   * Every poll reply with events carries `event` as an array of every event queued (at least
   * one, in order) instead of one object (issue #9 §1 item 11; the docs show one object,
   * §4.1). A held poll collects the events of the same tick. Default false; the
   * `event-array` fault does it for chosen polls.
   */
  eventArray?: boolean;
  /**
   * The platform's skill queues (`agentskills`, `queryacdstat`, §5.9). Default: 1 "Preview
   * outbound", 2 "Collections", 3 "Renewals".
   */
  skills?: SimSkill[];
  /** `queryacdstat` sends every figure as a digit string instead of a number (§5.9). */
  acdStatAsText?: boolean;
}

/** How an inspector forces an agent not ready. */
export interface ForceNotReadyOptions {
  /**
   * The event's `content.reason` as sent (digits); null sends `content: null`. Default `"3"`
   * (forced busy by an inspector, §6.3), or null with `forceNotReadyNull`.
   */
  reason?: string | null;
}

/** When a late `AgentEvent_Release_Preview` is sent (§9 rule 13). */
export type ReleasePreviewMoment = 'after-dial' | 'after-call' | 'after-next-offer';

/** Every `ReleasePreviewMoment`. */
export const RELEASE_PREVIEW_MOMENTS: ReadonlyArray<ReleasePreviewMoment> = [
  'after-dial',
  'after-call',
  'after-next-offer',
];

/** What the simulator does to matching gateway requests (never to `/__sim`). */
export type Fault = {
  /**
   * `event-array`: the poll's reply carries its events as an array (see `eventArray`).
   * `retcode`: the request is answered with `retcode` and not carried out.
   */
  kind:
    | 'latency'
    | 'http-error'
    | 'drop'
    | 'malformed'
    | 'hang'
    | 'kill-session'
    | 'restart'
    | 'event-array'
    | 'retcode';
  /** Substring of the request path. */
  path?: string;
  agentId?: string;
  /** How many requests it hits: default 1; 0 = until cleared. */
  count?: number;
  /** `latency` delay, default 1 000 ms. */
  ms?: number;
  /** `http-error` status, default 503. */
  status?: number;
  /**
   * `retcode`: the gateway answers HTTP 200 with this retcode (`NNN-NNN`, or `0` for a
   * success envelope with no `result`) instead of running the interface.
   */
  retcode?: string;
};

/**
 * Which events announce a preview (§7.1, §9 rules 5 and 12):
 * - `callout`: `AgentEvent_Preview_CallOut(_Ex)` with the numbers and call data (rule 5);
 * - `preview-then-callout`: `AgentEvent_Preview` with `dialeddigits: ""`, then
 *   `_CallOut(_Ex)` with the same `controlid` carrying the numbers (rule 12 a);
 * - `preview-only`: `AgentEvent_Preview` alone with the numbers, no call data (rule 12 b,
 *   as Huawei's C# demo expects);
 * - `callout-then-preview`: `_CallOut(_Ex)`, then `AgentEvent_Preview` with the same
 *   `controlid` and `dialeddigits: ""` (rule 12 c).
 */
export type PreviewEventScript =
  'callout' | 'preview-then-callout' | 'preview-only' | 'callout-then-preview';

/** Every preview event script, in the order documented above. */
export const PREVIEW_EVENT_SCRIPTS: ReadonlyArray<PreviewEventScript> = [
  'callout',
  'preview-then-callout',
  'preview-only',
  'callout-then-preview',
];

/** A preview to offer (§7.1). */
export interface PreviewRequest {
  numbers: string[];
  callData?: string;
  /** Exact digits; default a random 10–16 digit string. */
  controlId?: string;
  /** Send `controlid` as a bare JSON number with every digit instead of a string. */
  controlIdAsNumber?: boolean;
  /** Event name suffix: `AgentEvent_Preview_<variant>`, default `CallOut_Ex`. */
  variant?: 'CallOut' | 'CallOut_Ex';
  /** This preview's event script; default the simulator's `previewEvent`. */
  previewEvent?: PreviewEventScript;
  /** Two-event scripts: ms between the first and the second event, default 0. */
  detailsAfterMs?: number;
}

/** What the far end or the network does to the current call. */
export type CallAction = 'answer' | 'fail' | 'customer-hangup';

/** Options of a call action: the `OUTBOUND_DETECT_EVENT` cause of a failure. */
export interface CallActionOptions {
  cause?: number;
  description?: string;
}

/** How the request's Guid header related to the agent's session when it arrived. */
export type GuidState = 'none' | 'current' | 'previous' | 'invalid';

/** One gateway request as received (passwords never recorded). */
export interface RequestRecord {
  method: string;
  path: string;
  /** Raw query string without `?`. */
  query: string;
  agentId: string | null;
  at: number;
  /** `performance.now()` when the request's headers arrived: for in-process benchmarks. */
  arrivedAt: number;
  /** Raw body; absent for sign-in requests and empty bodies. */
  body?: string;
  /** The request echoed the load-balancer cookie `SIMLB`. */
  hadLbCookie: boolean;
  guidState: GuidState;
}

/** Digits received by `seconddialex`, one entry per request, per call. */
export interface DtmfRecord {
  calls: Array<{ callId: string; requests: string[] }>;
}

/** One live session, for assertions. */
export interface SessionInfo {
  agentId: string;
  /** §6.1 agent state. */
  state: number;
  /** Epoch ms of the last state change. */
  since: number;
  hasCall: boolean;
  /** A long poll is held open for this agent right now. */
  pollHeld: boolean;
  /** Previews injected but not offered yet (the agent is in wrap-up). */
  offersWaiting: number;
}

/** A running simulator. */
export interface Simulator {
  /** `https://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The gateway node (`node` option). */
  node: number;
  /** The generated CA (PEM) that signed the server certificate. */
  caPem: string;
  /** SHA-256 of the server certificate, upper-case hex with colons. */
  leafFingerprint256: string;
  agents: SimAgent[];
  /**
   * Offer a preview: its events are queued at once, or when the agent leaves wrap-up (no
   * preview is offered in wrap-up). Throws when the agent is not signed in or it is invalid.
   */
  injectPreview(agentId: string, p: PreviewRequest): { controlId: string };
  /** The platform withdraws a pending preview: `AgentEvent_Release_Preview`; a later dial → `200-036`. */
  withdrawPreview(agentId: string, controlId: string): void;
  /**
   * An inspector forces the agent not ready (§7.3, §9 rule 14): `AgentState_Force_SetNotReady`
   * and agentState 3 until `sayfree` / `cancelbusy`; during a call, when the call ends.
   * Throws when the agent is not signed in.
   */
  forceNotReady(agentId: string, o?: ForceNotReadyOptions): void;
  /**
   * A supervisor forces the agent idle: `AgentState_Force_Ready` (content null; known from
   * samples only, §7.3) and agentState 4; during a call, when the call ends. Throws when the
   * agent is not signed in.
   */
  forceReady(agentId: string): void;
  /**
   * The agent's rest time runs out now: `AgentState_Rest_Timeout` at once (its timer is
   * cancelled); the agent stays in rest. Throws when the agent is not signed in or not
   * resting with time left.
   */
  restTimeout(agentId: string): void;
  /** Set queue figures of one skill (creating it if new); the figures now in force. */
  setQueue(skillId: number, update: QueueUpdate): QueueInfo;
  /** Every skill queue with the figures `queryacdstat` would answer now. */
  queues(): QueueInfo[];
  /** The skills configured for an agent account; throws on an unknown agent or skill. */
  setAgentSkills(agentId: string, skills: number[]): void;
  /** Drive the current call; throws when the agent has no call the action applies to. */
  callAction(agentId: string, action: CallAction, opts?: CallActionOptions): void;
  dtmf(agentId: string): DtmfRecord;
  requests(): RequestRecord[];
  addFault(f: Fault): void;
  clearFaults(): void;
  /** End the session server-side, as a supervisor would. */
  kick(agentId: string): void;
  /**
   * A supervisor signs the agent out (issue #11): `AgentOther_ShutdownService {loginTime}` to
   * a held poll, then `100-006` for its Guid; the call goes with it. Unlike a forced sign-in
   * elsewhere, no other session holds the agent, so a new sign-in succeeds. Throws when the
   * agent is not signed in or the cause is not 1–255.
   */
  forceLogout(agentId: string, o?: { cause?: number }): void;
  /** How sessions ended, oldest first (the last 1 000). */
  sessionEnds(): SessionEnd[];
  /** Change an account: its password, `mustChangePassword`, or a sign-in retcode. */
  setAccount(agentId: string, update: AccountUpdate): void;
  /**
   * The CTI platform keeps this agent's call through a gateway restart or failover (issue
   * #11): the agent's next sign-in on this gateway finds it up — `agentstatus.isWorking`
   * true (agentState 7), `callinfo` with the same call id, `seconddialex` and `release`
   * working on it. Throws on an unknown agent or a bad call.
   */
  carryCall(agentId: string, call: CarriedCall): void;
  /**
   * All sessions and queues gone, sockets dropped, listening again on the same port. With
   * `keepCalls`, the calls up at the restart are carried into each agent's next session
   * (`carryCall`), as a platform that outlives its gateway would.
   */
  restart(o?: RestartOptions): Promise<void>;
  /** Stop listening (connections refused) until revive(). */
  kill(): Promise<void>;
  /** Listen again on the same port, with empty state. */
  revive(): Promise<void>;
  sessions(): SessionInfo[];
  stop(): Promise<void>;
}
