/**
 * The IPC contract between the main process and the renderer: channel names, request,
 * result and snapshot types. Pure TypeScript: no Electron, no Node. The renderer imports
 * this file with `import type` only (channel names are used by the preload and main).
 *
 * Invariant: nothing here can hold the session Guid, a cookie or the password, except
 * `SignInRequest.password`, which travels renderer → main once and is never echoed back.
 */
import type {
  AfterCall,
  GatewayError,
  LocalizedText,
  PreviewVariant,
  Result,
} from '../gateway/types';

export type { AfterCall, GatewayError, LocalizedText, PreviewVariant, Result };

/* ───────────────────────────── errors ───────────────────────────── */

/** Why the desk refused a command without asking the gateway. */
export type RefusalReason =
  | 'not-signed-in'
  | 'already-signed-in-here'
  | 'session-busy' // a sign-in or sign-out is already in flight
  | 'call-active' // e.g. sign-out while a call is up
  | 'no-call'
  | 'not-talking' // DTMF outside the talking phase
  | 'preview-unknown'
  | 'preview-busy' // another preview is being dialled or a call is up
  | 'preview-awaiting-numbers' // the offer has no number yet (§7.1): never dialable
  | 'number-not-offered'
  // sign-out: the gateway (agentstatus) has a call up, or kept the agent signed in during a
  // call (§3.5): the agent is still signed in and the desk keeps polling
  | 'call-up-at-gateway'
  | 'setting-locked'
  | 'not-available' // the host cannot do this (e.g. diagnostics export in a browser)
  | 'wrap-up' // no preview is dialled during after-call work (issue #13 §1)
  | 'not-in-wrap-up' // Extend outside wrap-up
  | 'wrap-up-not-extendable' // no maximum to extend, or the one Extend was used
  // the session was lost and the desk is signing in again by itself (issue #11): wait for it,
  // or use Sign in now / Stop
  | 'signing-in-again'
  // Sign in now / Stop while the desk is not signing in again (nothing to act on)
  | 'not-signing-in-again';

/**
 * Every error a command can answer with. Gateway errors pass through unchanged (with the
 * plain-words `text` for retcodes); the rest are the desk's own.
 */
export type DeskError =
  | GatewayError
  | { kind: 'already-signed-in' } // login answered 100-002: ask, then sign in with force
  | { kind: 'refused'; reason: RefusalReason; detail?: string }
  | { kind: 'internal'; detail?: string };

export type DeskResult<T> = Result<T, DeskError>;

/* ───────────────────────────── requests ───────────────────────────── */

export interface SignInRequest {
  agentId: string;
  password: string;
  phone: string;
  /** True after the agent confirmed "sign in here and end the other session". */
  force?: boolean;
  /**
   * Keep the password, encrypted by the OS (safeStorage), for the next sign-in. With an
   * empty `password` and a saved one (`SettingsView.hasSavedPassword`), the saved one is used.
   */
  rememberPassword?: boolean;
}

export interface SignedIn {
  agentId: string;
  phone: string;
  signedInAt: number;
  /** The gateway asks the agent to change the password before calls work. */
  mustChangePassword: boolean;
  /** Days until the password expires, or null when it never does. */
  passwordDaysLeft: number | null;
}

export type AgentStateRequest =
  | { state: 'ready' }
  | { state: 'not-ready'; reason?: number } // reason 200–250
  | { state: 'rest'; seconds: number; reason?: number } // seconds 1–86399, reason 0–255
  | { state: 'wrap-up' };

export interface DialPreviewRequest {
  controlId: string;
  number: string;
}

export interface DeclinePreviewRequest {
  controlId: string;
  /**
   * "Decline and go not ready" (issue #13 §3): the agent is set not ready (`saybusy`, with
   * this reason 200–250 when given) before the preview is declined, so the dialler does not
   * offer the next customer in between. Absent: a plain decline.
   */
  notReady?: { reason?: number };
}

/** Keep the desk window above other windows (the agent's choice, kept in the settings). */
export interface StayOnTopRequest {
  onTop: boolean;
}

/**
 * While the desk signs in again by itself: try now instead of waiting. With `force`, answers
 * the retake question ("signed in on another desk — sign in here?") with a forced sign-in
 * using the kept password; never sent without the agent's click.
 */
export interface SignInAgainNowRequest {
  force?: boolean;
}

export interface SendDigitsRequest {
  /** One or more of `0-9 * #`; long strings are queued and sent in order. */
  digits: string;
}

export type Locale = 'en' | 'zh-CN';
export type Theme = 'system' | 'light' | 'dark';
export type CountdownAction = 'none' | 'dial-first' | 'decline';

/**
 * One entry of an administrator's reason list (issue #13 §2): the code the gateway takes
 * and its name in each language. Not-ready codes are 200–250 (§3.6, §6.3); rest causes 0–255.
 */
export interface ReasonEntry {
  code: number;
  en: string;
  zh: string;
}

/** The agent-editable settings (the shell adds window bounds it keeps to itself). */
export interface DeskSettings {
  gatewayUrl: string;
  backupGatewayUrl: string;
  /** Path of a PEM file with the site CA, or ''. */
  caFile: string;
  /** SHA-256 of the gateway certificate, hex (colons allowed), or ''. */
  pinSha256: string;
  pollGapMs: number;
  /**
   * Client timeout of the event long poll, seconds (15–600, default 40). Must exceed the
   * site's long-poll hold (10 s by default, longer on disaster-recovery sites, §4.1).
   */
  pollTimeoutSeconds: number;
  /**
   * After a call: back to `ready` by itself, or into `wrap-up` until the agent is ready
   * (§3.1: chooses the `releasephone`/`autoenteridle` pair sent at sign-in). Default ready.
   */
  afterCall: AfterCall;
  /**
   * Minutes the desk keeps signing in again by itself after losing the session to a gateway
   * restart, a silence sign-out or a failover (issue #11), 0–120, default 10; 0 = never (the
   * password is then not kept either). Read when a session starts and when it is lost.
   */
  autoSignInMinutes: number;
  /** 0 = no countdown. */
  countdownSeconds: number;
  countdownAction: CountdownAction;
  language: Locale;
  theme: Theme;
  notifyOnPreview: boolean;
  soundOnPreview: boolean;
  rememberedAgentId: string;
  rememberedPhone: string;
  /** GPU compositing; off helps on VDI. Read once at start (Electron needs it before ready). */
  hardwareAcceleration: boolean;
  /** The administrator's not-ready reasons (codes 200–250), in the order agents see them. */
  notReadyReasons: ReasonEntry[];
  /** The administrator's rest causes (codes 0–255). */
  restReasons: ReasonEntry[];
  /** Rest durations offered to the agent, in minutes. */
  restMinutes: number[];
  /** Longest after-call work before the desk makes the agent ready by itself; 0 = none. */
  wrapUpMaxSeconds: number;
  /** Keep the window above other windows (e.g. beside the CRM). */
  stayOnTop: boolean;
}

export type SettingsKey = keyof DeskSettings;

/**
 * Where a value in effect came from, highest precedence first: a mandatory organisation
 * policy, the agent's own choice, a recommended policy, the built-in default.
 */
export type SettingSourceKind = 'policy' | 'agent' | 'recommended' | 'default';

export interface SettingSource {
  kind: SettingSourceKind;
  /** For the two policy kinds: the registry key, profile or file the value came from. */
  origin?: string;
}

/**
 * A policy entry the desk could not use (it is ignored; the rest of the policy applies).
 * Names the setting, never the value: a policy value may be long or sensitive.
 */
export interface PolicyProblem {
  /** The registry key, profile or file. */
  origin: string;
  /** The setting as the administrator wrote it, or null when the whole source is at fault. */
  key: string | null;
  /** Why, in plain words (e.g. `must be at most 5000`, `unknown setting`). */
  detail: string;
}

export interface SettingsView {
  values: DeskSettings;
  /** Fields set by a mandatory policy: shown "Managed by your organisation", not editable. */
  locked: SettingsKey[];
  /** Where each value in effect came from. */
  sources: Record<SettingsKey, SettingSource>;
  /** What the organisation's policies hold that could not be used, as of the last read. */
  policyProblems: PolicyProblem[];
  /** Shown once, e.g. the settings file was corrupt and kept aside. */
  notice: SettingsNotice | null;
  /** A password is saved (encrypted by the OS) for `rememberedAgentId`. */
  hasSavedPassword: boolean;
  /** The OS can encrypt a saved password (false in the browser demo and on bare Linux). */
  canSavePassword: boolean;
}

export type SettingsNotice = { kind: 'corrupt-file-kept-aside'; keptAs: string };

export type UpdateSettingsRequest = Partial<DeskSettings>;

export interface TestConnectionRequest {
  /** Test these values instead of the saved ones (the dialog's unsaved form). */
  gatewayUrl?: string;
  caFile?: string;
  pinSha256?: string;
  /** With credentials the test also signs in, polls once and signs out. */
  agentId?: string;
  password?: string;
  phone?: string;
}

export type CheckStepName = 'dns' | 'tcp' | 'tls' | 'sign-in' | 'poll' | 'sign-out';

export interface CheckStep {
  name: CheckStepName;
  ok: boolean;
  skipped: boolean;
  durationMs: number;
  /** Plain words: the address, the certificate issuer and expiry, the retcode … */
  detail: string;
}

/** The trust store a certificate chain was anchored in. */
export type TrustAnchor = 'site-ca' | 'system' | 'bundled' | 'extra';

/** Why the gateway's certificate is refused (null when it is accepted). */
export type TrustProblem =
  | 'untrusted' // no trusted CA issued it: install the CA in the system store or set the CA file
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-host' // the certificate names another host
  | 'pin-mismatch'
  | 'other';

/** Where the connection test's trust decision came from (design §8). */
export interface TrustReport {
  /** The store holding the root the chain ends in; null when the chain is not trusted. */
  anchor: TrustAnchor | null;
  /** Common name of that root, or of the issuer nobody trusts. */
  issuer: string;
  /** The operating system's store as this runtime reads it (unavailable before Node 22.15). */
  systemStore: { available: boolean; count: number };
  /** The site CA file in use, or null. */
  siteCaFile: string | null;
  pin: 'none' | 'match' | 'mismatch';
  problem: TrustProblem | null;
}

export interface ConnectionReport {
  ok: boolean;
  steps: CheckStep[];
  /** Present once the TLS step ran. */
  trust?: TrustReport;
}

export interface NotifyAgentRequest {
  kind: 'preview';
  title: string;
  body: string;
}

export interface DiagnosticsExported {
  path: string;
}

/* ───────────────────────────── snapshot ───────────────────────────── */

/**
 * `signing-in-again`: the session was lost by no choice of the agent's or a supervisor's and
 * the desk is signing in again by itself (issue #11); the desk screen stays, commands wait.
 */
export type SessionPhase =
  'signed-out' | 'signing-in' | 'signed-in' | 'signing-out' | 'signing-in-again';

/** Which configured gateway: `gatewayUrl` or `backupGatewayUrl`. */
export type GatewayRole = 'primary' | 'backup';

/**
 * How a session was lost when the desk signs in again by itself (issue #11 §3):
 * - `restart`: the gateway answered but no longer knew the session (a restart or a disaster-
 *   recovery switch; also a supervisor's sign-out that sent no event, which the desk cannot
 *   tell apart — README Known limits);
 * - `timeout`: the gateway's silence sign-out — no request reached it for 2 minutes (OS sleep,
 *   a long network loss; gateway-protocol §2.3);
 * - `gateway-down`: the gateway refused connections (nothing listening: the node and its
 *   sessions are gone);
 * - `unreachable`: nothing answered for 110 s.
 */
export type SessionLoss = 'restart' | 'timeout' | 'gateway-down' | 'unreachable';

/** Why the desk stopped signing in again by itself. */
export type SignInAgainEnd =
  | 'stopped' // the agent pressed Stop (or signed out)
  | 'gave-up' // `autoSignInMinutes` passed without success
  | 'refused' // the gateway refused the sign-in for good (wrong or expired password, locked …)
  | 'must-change-password'; // the gateway asks for a new password first (`isForceChange`)

/** The desk signing in again by itself (issue #11), for the status bar. */
export interface SignInAgainView {
  loss: SessionLoss;
  /** When the session was lost (epoch ms). */
  since: number;
  /** Attempts made so far, the one running included. */
  attempt: number;
  /** An attempt is running now. */
  attempting: boolean;
  /** When the next attempt runs; null while one runs. */
  nextAttemptAt: number | null;
  /** When the desk stops trying (`autoSignInMinutes` after the loss). */
  until: number;
  /** Where the next (or running) attempt goes. */
  gateway: GatewayRole;
  /**
   * The old session may still live on the gateway that stopped answering: no sign-in goes
   * elsewhere before this time (its silence sign-out), so a session is never held on two
   * gateways at once. Null when nothing is waited for.
   */
  oldSessionEndsBy: number | null;
  /** Why the last attempt failed, if one did. */
  lastError: DeskError | null;
}

/** Why the agent is no longer signed in (shown on the sign-in screen). */
export type SignOutReason =
  | { kind: 'agent' } // the agent signed out
  /**
   * 100-006 / 000-003: signed in elsewhere, ended by a supervisor or expired. `confirmed`:
   * how often and over how long the desk checked before believing it (§2.2).
   */
  | { kind: 'kicked'; retcode: string; confirmed?: { attempts: number; seconds: number } }
  /**
   * AgentOther_ShutdownService: the gateway ended the session on purpose; whether a supervisor
   * or a sign-in elsewhere did it could not be told.
   */
  | { kind: 'shutdown' }
  | { kind: 'lost'; detail: string } // no success for 110 s
  /** This agent ID was signed in on another desk (§3.2): the other desk wins. */
  | { kind: 'elsewhere' }
  /** A supervisor signed the agent out (ShutdownService, and no other session holds the ID). */
  | { kind: 'supervisor' }
  /**
   * The session was lost (`loss`) and signing in again by itself ended without success:
   * `error` is the last attempt's (e.g. `100-004` after a password change).
   */
  | {
      kind: 'not-signed-in-again';
      loss: SessionLoss;
      end: SignInAgainEnd;
      error: DeskError | null;
    };

/**
 * What the sign-in answer said about the password (gateway-protocol.md §3.1:
 * `isForceChange`, `timeRemaining`). Facts only: never the password itself.
 */
export interface PasswordFacts {
  /** The gateway asks the agent to change the password before calls work. */
  mustChange: boolean;
  /** Days until the password expires, or null when it never does. */
  daysLeft: number | null;
}

export interface SessionView {
  phase: SessionPhase;
  agentId: string | null;
  phone: string | null;
  signedInAt: number | null;
  lastSignOut: SignOutReason | null;
  /**
   * The password facts of the current session's sign-in, so a reloaded renderer can show
   * them again (design.md §2). Null when signed out (and while signing in).
   */
  password: PasswordFacts | null;
  /** Signing in again by itself (phase `signing-in-again`); null otherwise. */
  signInAgain: SignInAgainView | null;
  /**
   * An automatic sign-in found the agent ID signed in elsewhere (`100-002`): the desk never
   * forces by itself, but the agent may sign in here (ending the other session) with one click
   * until `until` — `signInAgainNow({ force: true })` — or decline (`stopSigningInAgain`).
   */
  retake: { agentId: string; until: number } | null;
}

export type ConnectionHealth = 'offline' | 'live' | 'degraded' | 'reconnecting' | 'lost';

/** Why health is not `live` when no request failed outright. */
export type HealthCause =
  /**
   * The event poll is unanswered well past the site's usual hold (§4.1): since `since`
   * (epoch ms); the gateway usually answers within `usualHoldMs`.
   */
  | { kind: 'poll-overdue'; since: number; usualHoldMs: number }
  /**
   * The gateway answered `retcode` (100-006 / 000-003): the desk is checking whether the
   * session really ended before signing the agent out (§2.2); `attempt` of `attempts`.
   */
  | { kind: 'checking-session'; retcode: string; attempt: number; attempts: number };

export interface ConnectionView {
  health: ConnectionHealth;
  since: number;
  /** The last error that moved health away from `live` (kept when lost). */
  error: DeskError | null;
  /** Why health is degraded when it is not a failed request (or alongside one). */
  cause: HealthCause | null;
  /** When the next reconnect attempt runs (reconnecting only). */
  nextAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** True while agentstatus/callinfo re-sync runs after a reconnect or resume. */
  resyncing: boolean;
  /** The gateway the session is on (null when there is none). */
  gateway: GatewayRole | null;
}

export type AgentStateName =
  | 'unknown'
  | 'ready'
  | 'not-ready'
  | 'rest'
  | 'wrap-up'
  | 'busy' // occupied by a call
  | 'signed-out';

export interface AgentView {
  state: AgentStateName;
  since: number;
  /** Busy reason (200–250, 3 = forced by an inspector) or rest cause, when the gateway sent one. */
  reason: number | null;
  /**
   * A supervisor set this state: not ready forced by a QC inspector
   * (`AgentState_Force_SetNotReady`), or ready (`AgentState_Force_Ready`) (§7.3). Cleared
   * with the state.
   */
  bySupervisor: boolean;
  /** Rest only: when the asked-for rest time runs out (reminder, not an exit). */
  restEndsAt: number | null;
  restOverdue: boolean;
  /** A state asked for and not yet confirmed by its event (e.g. during a call). */
  pending: AgentStateRequest | null;
}

export type CallDataView =
  | { kind: 'empty' }
  | { kind: 'fields'; fields: Array<{ key: string; value: string }> }
  | { kind: 'text'; text: string };

export interface PreviewView {
  controlId: string;
  /**
   * The numbers offered; empty while the offer waits for them (an `AgentEvent_Preview` with
   * empty `dialeddigits`, §7.1): such a preview is shown but never dialable.
   */
  numbers: string[];
  callData: CallDataView;
  variant: PreviewVariant;
  receivedAt: number;
  /** Set while previewCallout is in flight for this preview. */
  dialling: { number: string } | null;
  declining: boolean;
  /** Present when a countdown is configured (and only once the preview has a number). */
  countdown: { endsAt: number; action: CountdownAction } | null;
  /**
   * An `AgentEvent_Release_Preview` (which names no preview) arrived while this preview could
   * have been the one meant (§7.1): it stays dialable, and the dial's answer decides.
   */
  mayBeWithdrawn: boolean;
  /**
   * The last dial's answer was lost (5xx, dropped connection, timeout) and the gateway then
   * showed no call: the dial may not have reached it. The desk never dials again by itself;
   * the agent chooses Call again or Decline. `at`: when the desk found no call (epoch ms).
   */
  dialUncertain: { number: string; error: DeskError; at: number } | null;
}

export type CallPhase =
  'dialling' | 'agent-ringing' | 'customer-ringing' | 'talking' | 'held' | 'ended' | 'failed';

export interface CallFailure {
  /** `OUTBOUND_DETECT_EVENT.detect`, when it came. */
  cause: number | null;
  description: string;
  /** The event that ended the attempt, e.g. `call-out-fail`. */
  event: string;
}

export interface DtmfView {
  /** Digits the gateway accepted, in order. */
  sent: string;
  /** The request in flight now. */
  inFlight: string;
  /** Pressed, waiting for the request in flight to finish. */
  queued: string;
  /**
   * Digits not delivered: the request that carried them failed (never retried: it may
   * have been played) or the call ended first; everything queued behind a failure joins
   * them, so order is never broken. The agent sees them and may press them again.
   */
  unsent: string;
  /** Why `unsent` is not empty. */
  error: DeskError | null;
}

export interface CallView {
  callId: string | null;
  /**
   * The customer's data the agent read on the preview card, kept with the call from dialling
   * through wrap-up and in the finished-call summary (issue #13 §6). For a call the desk did
   * not dial, what `callinfo` gave, or empty.
   */
  callData: CallDataView;
  controlId: string | null;
  number: string;
  phase: CallPhase;
  startedAt: number;
  talkingSince: number | null;
  endedAt: number | null;
  isHeld: boolean;
  failure: CallFailure | null;
  dtmf: DtmfView;
  /** Hang-up request in flight. */
  hangingUp: boolean;
  /** The call was cut with the session (issue #11): shown ended, "lost with the gateway". */
  lostWithGateway?: boolean;
}

/** `lost`: cut with the session, the gateway no longer had it (issue #11). */
export type CallResult = 'talked' | 'failed' | 'not-answered' | 'lost';

export type RecentOutcome =
  | { kind: 'called'; number: string; result: CallResult; failure: CallFailure | null }
  | {
      kind: 'declined';
      auto: boolean;
      /** Present when the agent chose "decline and go not ready" (issue #13 §3). */
      andNotReady?: { reason: number | null };
    }
  /** `loss`: the gateway lost the session it was offered in (issue #11 §3). */
  | { kind: 'withdrawn'; loss?: SessionLoss };

export interface RecentPreview {
  controlId: string;
  numbers: string[];
  receivedAt: number;
  endedAt: number;
  outcome: RecentOutcome;
}

export type EventLogCategory = 'event' | 'command' | 'connection' | 'error';

export interface EventLogEntry {
  seq: number;
  at: number;
  category: EventLogCategory;
  /** Vendor event name or command name, e.g. `AgentEvent_Talking`, `previewCallout`. */
  name: string;
  /** Redacted one-line summary: no Guid, no password, DTMF digits masked. */
  summary: string;
}

/**
 * After-call work (issue #13 §1): shown while the agent is in wrap-up, whatever put them
 * there (the site's "after a call: wrap-up", a forced wrap-up, or the agent's own choice).
 */
export interface WrapUpView {
  /** When wrap-up began (the time in state runs from here). */
  startedAt: number;
  /**
   * When the desk makes the agent ready by itself (`wrapUpMaxSeconds`, plus the one Extend),
   * or null when the administrator set no maximum.
   */
  endsAt: number | null;
  /** The one Extend was used. */
  extended: boolean;
  /** Extend is offered: there is a maximum and it was not extended yet. */
  canExtend: boolean;
  /** The maximum ran out and the desk's own Ready failed: why (the agent can press Ready). */
  autoReadyError: DeskError | null;
}

/** One skill of the agent in the queue glance (issue #13 §4, gateway-protocol.md §5.9). */
export interface QueueSkillView {
  skillId: number;
  /** The skill's name as the gateway gave it (`agentskills`), or '' when unknown. */
  name: string;
  /** Calls waiting (`queueSize`). */
  waiting: number;
  /** Longest wait of a waiting call, in seconds (`queueTime`). */
  longestWaitSeconds: number;
  /** Agents available (`availAgents`), or null when the gateway did not say. */
  availableAgents: number | null;
  /** Agents signed in to the skill (`loggedOnAgents`), or null when not given. */
  loggedOnAgents: number | null;
}

/**
 * The queue glance: figures per skill, asked at most every 30 s while signed in. Absent
 * (null in the snapshot) before the first answer, when the agent has no skill, and for the
 * rest of the session once the gateway refused (any non-`0` retcode): hidden, no error.
 */
export interface QueueGlanceView {
  skills: QueueSkillView[];
  /** When these figures were received. */
  updatedAt: number;
  /** The last refresh failed (network): these figures are older than they should be. */
  isStale: boolean;
}

export interface DeskSnapshot {
  /** Increases with every published snapshot. */
  seq: number;
  at: number;
  session: SessionView;
  connection: ConnectionView;
  agent: AgentView;
  previews: PreviewView[];
  recent: RecentPreview[];
  call: CallView | null;
  /** The queue glance, or null when there is nothing to show (see QueueGlanceView). */
  queue: QueueGlanceView | null;
  /** After-call work while the agent is in wrap-up, else null. */
  wrapUp: WrapUpView | null;
  /** The newest log entries (at most 50); `getEventLog` returns the whole ring. */
  log: { total: number; latest: EventLogEntry[] };
}

/* ───────────────────────────── the bridge ───────────────────────────── */

/**
 * The one object the preload exposes as `window.desk`. Every method sends one request
 * object and answers with a `Result`; nothing throws across the bridge.
 */
export interface DeskApi {
  signIn(req: SignInRequest): Promise<DeskResult<SignedIn>>;
  signOut(): Promise<DeskResult<void>>;
  setAgentState(req: AgentStateRequest): Promise<DeskResult<void>>;
  /** `callId` is null when the gateway accepted the dial without one (events name it). */
  dialPreview(req: DialPreviewRequest): Promise<DeskResult<{ callId: string | null }>>;
  declinePreview(req: DeclinePreviewRequest): Promise<DeskResult<void>>;
  sendDigits(req: SendDigitsRequest): Promise<DeskResult<void>>;
  hangUp(): Promise<DeskResult<void>>;
  holdCall(): Promise<DeskResult<void>>;
  unholdCall(): Promise<DeskResult<void>>;
  getSnapshot(): Promise<DeskResult<DeskSnapshot>>;
  getEventLog(): Promise<DeskResult<EventLogEntry[]>>;
  getSettings(): Promise<DeskResult<SettingsView>>;
  updateSettings(req: UpdateSettingsRequest): Promise<DeskResult<SettingsView>>;
  testConnection(req: TestConnectionRequest): Promise<DeskResult<ConnectionReport>>;
  exportDiagnostics(): Promise<DeskResult<DiagnosticsExported>>;
  forgetSavedPassword(): Promise<DeskResult<void>>;
  notifyAgent(req: NotifyAgentRequest): Promise<DeskResult<void>>;
  /** The one Extend of wrap-up: the maximum runs once more (issue #13 §1). */
  extendWrapUp(): Promise<DeskResult<WrapUpView>>;
  /** Keeps the window above others (or not); saved in the settings (`stayOnTop`). */
  setStayOnTop(req: StayOnTopRequest): Promise<DeskResult<StayOnTopRequest>>;
  /** While signing in again: attempt now; `force` answers the retake question (see SessionView). */
  signInAgainNow(req: SignInAgainNowRequest): Promise<DeskResult<void>>;
  /** Stops signing in again (or declines the retake question); the kept password is wiped. */
  stopSigningInAgain(): Promise<DeskResult<void>>;
  /** Subscribes to snapshot pushes; returns the unsubscribe function. */
  onChanged(listener: (snapshot: DeskSnapshot) => void): () => void;
  /**
   * Subscribes to settings pushes: a new view after each change made elsewhere (an
   * organisation policy re-read while running, a save from another path).
   */
  onSettingsChanged(listener: (view: SettingsView) => void): () => void;
}

/** The subscriptions of DeskApi. */
export type SubscriptionName = 'onChanged' | 'onSettingsChanged';

/** The request-answer methods of DeskApi (everything but the subscriptions). */
export type CommandName = Exclude<keyof DeskApi, SubscriptionName>;

/** The request payload of each command (`undefined` for those without one). */
export type CommandRequest<C extends CommandName> =
  Parameters<DeskApi[C]> extends [infer R] ? R : undefined;

/** The success value of each command. */
export type CommandValue<C extends CommandName> =
  Awaited<ReturnType<DeskApi[C]>> extends Result<infer V, DeskError> ? V : never;

/** IPC channel of each command: `domain:verb-noun`. */
export const commandChannels = {
  signIn: 'session:sign-in',
  signOut: 'session:sign-out',
  setAgentState: 'agent:set-state',
  dialPreview: 'preview:dial',
  declinePreview: 'preview:decline',
  sendDigits: 'call:send-digits',
  hangUp: 'call:hang-up',
  holdCall: 'call:hold',
  unholdCall: 'call:unhold',
  getSnapshot: 'desk:get-snapshot',
  getEventLog: 'log:get-events',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  testConnection: 'settings:test-connection',
  exportDiagnostics: 'diagnostics:export',
  forgetSavedPassword: 'settings:forget-password',
  notifyAgent: 'shell:notify-agent',
  setStayOnTop: 'shell:set-stay-on-top',
  extendWrapUp: 'agent:extend-wrap-up',
  signInAgainNow: 'session:sign-in-again-now',
  stopSigningInAgain: 'session:stop-sign-in-again',
} as const satisfies Record<CommandName, string>;

/** The one push channel: the whole snapshot after each (coalesced) change. */
export const pushChannel = 'desk:changed';

/** The settings push channel: the whole SettingsView after a change. */
export const settingsPushChannel = 'settings:changed';
