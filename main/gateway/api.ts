import type {
  AcdStat,
  AgentSkill,
  AgentStatusInfo,
  CallInfo,
  GatewayCallRecord,
  GatewayConnection,
  GatewayEvent,
  GatewaySignIn,
  Result,
  SignInInfo,
} from './types';

/**
 * One agent's session with the CC-Gateway: one function per interface
 * (gateway-protocol.md §3–§5). Implemented by `GatewaySession` in `session.ts` over got;
 * the desk core depends only on this interface.
 *
 * Rules every implementation keeps:
 * - the Guid from `Set-GUID` on *any* response is adopted at once (cut at the first `;`);
 * - cookies are kept and echoed (load-balancer stickiness);
 * - §1.5: at most one request in flight per interface; different interfaces may overlap (a
 *   hang-up never waits behind another command); sign-in and sign-out never overlap, and
 *   nothing else is sent while a sign-in is unanswered;
 * - only `pollEvents`, `agentStatus` and `callInfo` may retry by themselves; every command
 *   (state, call control, DTMF, `updateGuid`) is sent at most once;
 * - no method throws: every failure is a typed `GatewayError`.
 */
export interface GatewayApi {
  readonly agentId: string;
  /** True once a Guid has been received and until sign-out. */
  readonly hasSession: boolean;

  /**
   * PUT onlineagent/{id} — `100-002` means signed in elsewhere (offer forcelogin). The body
   * carries `checkInWebm:false` and the `releasephone`/`autoenteridle` pair of `afterCall`.
   */
  login(req: GatewaySignIn): Promise<Result<SignInInfo>>;
  /** PUT onlineagent/{id}/forcelogin — `100-015` when forcing is not allowed. */
  forceLogin(req: GatewaySignIn): Promise<Result<SignInInfo>>;
  /**
   * DELETE onlineagent/{id}/logout; forgets the Guid on success. `100-008` (already signed
   * out) is a success (§3.5). A failure (e.g. `100-010` during a call) leaves the session as it
   * was: the agent is still signed in.
   */
  logout(): Promise<Result<void>>;
  /** DELETE onlineagent/{id}/forcelogout; forgets the Guid on success. */
  forceLogout(): Promise<Result<void>>;
  /** POST onlineagent/{id}/resetskill/true */
  resetSkill(): Promise<Result<void>>;

  /**
   * GET agentevent/{id} long poll: its events in order — none for an empty reply, one as
   * documented, or each item of an `event` array. A timeout in phase `request` means the
   * gateway held the poll past the poll timeout (idle, §4.1); `signal` abandons the poll.
   */
  pollEvents(signal?: AbortSignal): Promise<Result<GatewayEvent[]>>;
  /** GET onlineagent/{id}/agentstatus — `isWorking` decides whether a call is up (§3.8). */
  agentStatus(): Promise<Result<AgentStatusInfo>>;
  /**
   * GET calldata/{id}/callinfo — null when no call. May be the last, finished call (§5.7):
   * details only, never proof that a call is up.
   */
  callInfo(): Promise<Result<CallInfo | null>>;
  /** PUT onlineagent/{id}/updateGuid — adopts `result.guid` (§3.7, recovery §2.2). */
  updateGuid(): Promise<Result<void>>;

  sayFree(): Promise<Result<void>>;
  /** POST saybusy?reason=&prolong= ; reason 200–250 or omitted. */
  sayBusy(reason?: number, prolong?: boolean): Promise<Result<void>>;
  cancelBusy(): Promise<Result<void>>;
  /**
   * POST rest/{seconds}/{cause}?prolong= ; seconds 1–86399, cause 0–255; `prolong` true
   * changes the rest while already resting (§3.6).
   */
  rest(seconds: number, cause: number, prolong?: boolean): Promise<Result<void>>;
  cancelRest(): Promise<Result<void>>;
  work(): Promise<Result<void>>;
  cancelWork(): Promise<Result<void>>;

  /**
   * PUT voicecall/{id}/previewCallout {called, callcontrolid}; value = the new call id, or
   * null when a success carried none (the events that follow name it, §5.1).
   */
  previewCallout(controlId: string, called: string): Promise<Result<{ callId: string | null }>>;
  /** PUT voicecall/{id}/cancelPreviewCallout {callcontrolid} */
  cancelPreviewCallout(controlId: string): Promise<Result<void>>;
  /** POST voicecall/{id}/seconddialex?number= ; digits must match ^[0-9*#]{1,24}$. */
  secondDialEx(digits: string): Promise<Result<void>>;
  /** DELETE voicecall/{id}/release — `200-017` (no call) is reported as an error here. */
  release(): Promise<Result<void>>;
  hold(): Promise<Result<void>>;
  /** POST voicecall/{id}/gethold?callid= */
  getHold(callId?: string): Promise<Result<void>>;

  /**
   * GET onlineagent/{id}/agentskills — the skills configured for the agent (§5.9). A read:
   * never queued behind a command, never retried.
   */
  agentSkills(): Promise<Result<AgentSkill[]>>;
  /**
   * POST queuedevice/{id}/queryacdstat {skills} — queue figures of 1–100 skills (§5.9). A
   * read: never queued behind a command, never retried.
   */
  queryAcdStat(skillIds: readonly number[]): Promise<Result<AcdStat[]>>;

  /** Cancels requests in flight (they resolve with a network error) and frees sockets. */
  close(): void;
}

/** Hooks an owner may pass to observe a session without seeing its secrets. */
export interface GatewayObserver {
  /** Called after every request with its vendor method name, duration and outcome. */
  onCall?(record: GatewayCallRecord): void;
  /** Called when `Set-GUID` replaced the Guid (never passes the value). */
  onGuidRotated?(): void;
}

/** Builds a session; the desk core receives one of these so tests can choose the server. */
export type GatewayFactory = (
  connection: GatewayConnection,
  agentId: string,
  observer: GatewayObserver,
) => GatewayApi;
