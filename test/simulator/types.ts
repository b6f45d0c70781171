/**
 * Public types of the CC-Gateway simulator (design.md §6). Other suites code against these
 * names: change them only together with every caller.
 */

/** One agent account the simulator knows. */
export interface SimAgent {
  id: string;
  password: string;
  phone: string;
}

/** How to start a simulator. Every field is optional; defaults follow gateway-protocol.md. */
export interface SimulatorOptions {
  /** 0 = ephemeral (default); the host is always 127.0.0.1. */
  port?: number;
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
  /** `event-array`: the poll's reply carries its events as an array (see `eventArray`). */
  kind:
    | 'latency'
    | 'http-error'
    | 'drop'
    | 'malformed'
    | 'hang'
    | 'kill-session'
    | 'restart'
    | 'event-array';
  /** Substring of the request path. */
  path?: string;
  agentId?: string;
  /** How many requests it hits: default 1; 0 = until cleared. */
  count?: number;
  /** `latency` delay, default 1 000 ms. */
  ms?: number;
  /** `http-error` status, default 503. */
  status?: number;
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
  /** Drive the current call; throws when the agent has no call the action applies to. */
  callAction(agentId: string, action: CallAction, opts?: CallActionOptions): void;
  dtmf(agentId: string): DtmfRecord;
  requests(): RequestRecord[];
  addFault(f: Fault): void;
  clearFaults(): void;
  /** End the session server-side, as a supervisor would. */
  kick(agentId: string): void;
  /** All sessions and queues gone, sockets dropped, listening again on the same port. */
  restart(): Promise<void>;
  /** Stop listening (connections refused) until revive(). */
  kill(): Promise<void>;
  /** Listen again on the same port, with empty state. */
  revive(): Promise<void>;
  sessions(): SessionInfo[];
  stop(): Promise<void>;
}
