/**
 * `GatewaySession`: one agent's session with the CC-Gateway, one typed method per interface
 * of gateway-protocol.md §3–§5. Never throws; every failure is a typed `GatewayError`.
 */
import type { GatewayApi, GatewayFactory, GatewayObserver } from './api';
import {
  ALREADY_SIGNED_OUT_RETCODE,
  CALLINFO_INCLUDE_LAST_CALL,
  DEFAULT_POLL_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  LOGIN_BODY_DEFAULTS,
  SIGN_IN_PAIRS,
  SIGN_IN_STATUS_BUSY,
  SIGN_IN_STATUS_IDLE,
} from './assumptions';
import { acdStatBody, readAcdStats, readAgentSkills } from './queue-stats';
import {
  readAgentStatus,
  readCallId,
  readCallInfo,
  readEnvelope,
  readSignInInfo,
  readUpdatedGuid,
  type Envelope,
} from './envelope';
import { parseEventEnvelope } from './events';
import { GatewayHttp, type HttpRequest } from './http';
import type {
  AcdStat,
  AgentSkill,
  AgentStatusInfo,
  CallInfo,
  GatewayConnection,
  GatewayError,
  GatewayEvent,
  GatewaySignIn,
  Result,
  SignInInfo,
} from './types';
import {
  checkAgentId,
  checkBusyReason,
  checkCallId,
  checkCalled,
  checkControlId,
  checkDigits,
  checkRest,
  checkSignIn,
  type Check,
} from './validate';

type Method = HttpRequest['method'];
type Reader<T> = (envelope: Envelope) => Result<T, GatewayError>;

const none: Reader<void> = () => ({ ok: true, value: undefined });

/** One call: vendor log name (for the observer), HTTP method, path and optional body. */
interface CallSpec {
  logName: string;
  method: Method;
  path: string;
  body?: unknown;
}

/** The queue shared by sign-in and sign-out (forced variants included): they never overlap. */
const SESSION_QUEUE = 'session';

/**
 * The got-backed `GatewayApi`. §1.5: only the *same* interface is serialised — each has its
 * own queue (keyed by its log name), so a hang-up never waits behind a slow `previewCallout`
 * or `seconddialex`, while successive `seconddialex` batches still go one at a time. Sign-in
 * and sign-out share one queue, and nothing else is sent while a sign-in is unanswered (there
 * is no Guid yet). The poll and the two queries may retry transport errors; commands never.
 */
export class GatewaySession implements GatewayApi {
  readonly agentId: string;
  private guid: string | null = null;
  /** True only while a sign-in is in flight: the one time a first Guid may be taken. */
  private isSigningIn = false;
  private readonly http: GatewayHttp;
  private readonly pollTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  /** §1.5: the tail of each interface's queue; an entry goes when its queue drains. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Settles when the sign-in in flight has answered; every other request waits for it. */
  private signInGate: Promise<unknown> | null = null;
  private readonly agentCheck: Check;

  constructor(
    connection: GatewayConnection,
    agentId: string,
    private readonly observer: GatewayObserver = {},
  ) {
    this.agentId = agentId;
    this.agentCheck = checkAgentId(agentId);
    this.pollTimeoutMs = connection.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
    this.connectTimeoutMs = connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.http = new GatewayHttp(connection, {
      current: () => this.guid,
      received: (guid) => this.adoptGuid(guid),
    });
  }

  get hasSession(): boolean {
    return this.guid !== null;
  }

  /** §2.2: a Set-GUID on any response replaces the Guid at once. */
  private adoptGuid(guid: string): void {
    if (guid.length === 0 || guid === this.guid) return;
    // After sign-out a late reply must not revive a session we have left.
    if (this.guid === null && !this.isSigningIn) return;
    const isRotation = this.guid !== null;
    this.guid = guid;
    if (isRotation) this.observer.onGuidRotated?.();
  }

  private get id(): string {
    return encodeURIComponent(this.agentId);
  }

  login(req: GatewaySignIn): Promise<Result<SignInInfo>> {
    return this.signIn('login', `onlineagent/${this.id}`, req);
  }

  forceLogin(req: GatewaySignIn): Promise<Result<SignInInfo>> {
    return this.signIn('forceLogin', `onlineagent/${this.id}/forcelogin`, req);
  }

  private signIn(logName: string, path: string, req: GatewaySignIn): Promise<Result<SignInInfo>> {
    const invalid = checkSignIn(req, this.agentId);
    if (invalid) return Promise.resolve({ ok: false, error: invalid });
    // §3.1: the documented fields, the releasephone/autoenteridle pair chosen explicitly.
    const body = {
      password: req.password,
      phonenum: req.phone,
      ...LOGIN_BODY_DEFAULTS,
      ...SIGN_IN_PAIRS[req.afterCall ?? 'ready'],
      status: req.startAs === 'busy' ? SIGN_IN_STATUS_BUSY : SIGN_IN_STATUS_IDLE,
    };
    const run = this.serial(SESSION_QUEUE, async () => {
      // A new sign-in starts a new session: its Guid is a first Guid, not a rotation.
      this.guid = null;
      this.isSigningIn = true;
      try {
        return await this.send({ logName, method: 'PUT', path, body }, (env) =>
          this.guid === null
            ? { ok: false, error: { kind: 'bad-response', detail: 'sign-in gave no Set-GUID' } }
            : { ok: true, value: readSignInInfo(env) },
        );
      } finally {
        this.isSigningIn = false;
      }
    });
    const gate = run.finally(() => {
      if (this.signInGate === gate) this.signInGate = null;
    });
    this.signInGate = gate;
    return run;
  }

  logout(): Promise<Result<void>> {
    return this.signOut('logout', `onlineagent/${this.id}/logout`);
  }

  forceLogout(): Promise<Result<void>> {
    return this.signOut('forceLogout', `onlineagent/${this.id}/forcelogout`);
  }

  private async signOut(logName: string, path: string): Promise<Result<void>> {
    const result = await this.serial(SESSION_QUEUE, () =>
      this.send({ logName, method: 'DELETE', path }, none),
    );
    // §3.5: `100-008` (already signed out) reaches the goal: a successful sign-out.
    const done =
      result.ok ||
      (result.error.kind === 'gateway' && result.error.retcode === ALREADY_SIGNED_OUT_RETCODE);
    if (!done) return result;
    // §3.5: after a sign-out no operation may follow; the Guid is worthless now.
    this.guid = null;
    return { ok: true, value: undefined };
  }

  resetSkill(): Promise<Result<void>> {
    // §3.4, §10.9: always sign in to every configured skill.
    return this.command({
      logName: 'resetSkill',
      method: 'POST',
      path: `onlineagent/${this.id}/resetskill/true`,
    });
  }

  pollEvents(signal?: AbortSignal): Promise<Result<GatewayEvent[]>> {
    const spec = {
      logName: 'getAgentEvent',
      method: 'GET',
      path: `agentevent/${this.id}`,
    } as const;
    return this.query(spec, parseEventEnvelope, {
      timeoutMs: this.pollTimeoutMs,
      connectTimeoutMs: this.connectTimeoutMs,
      mayRetry: true,
      ...(signal === undefined ? {} : { signal }),
    });
  }

  agentStatus(): Promise<Result<AgentStatusInfo>> {
    const path = `onlineagent/${this.id}/agentstatus`;
    return this.query({ logName: 'getAgentStatus', method: 'GET', path }, readAgentStatus, {
      mayRetry: true,
    });
  }

  callInfo(): Promise<Result<CallInfo | null>> {
    // §5.7, §10.17: with `false` the documented reading returns the current call only; under
    // the name's reading it may return the last call. Either way `callinfo` never decides
    // whether a call is up — `agentstatus.isWorking` does (the desk's re-sync).
    const path = `calldata/${this.id}/callinfo?isNoContainLastCall=${String(CALLINFO_INCLUDE_LAST_CALL)}`;
    return this.query(
      { logName: 'queryCallInfo', method: 'GET', path },
      (env) => ({ ok: true, value: readCallInfo(env) }),
      { mayRetry: true },
    );
  }

  updateGuid(): Promise<Result<void>> {
    const path = `onlineagent/${this.id}/updateGuid`;
    // §3.7: the returned value replaces the stored Guid at once — before the observer hears
    // of the answer, so nothing the owner sends in response carries the replaced Guid.
    return this.command({ logName: 'updateGuid', method: 'PUT', path }, (env) => {
      const guid = readUpdatedGuid(env);
      if (!guid.ok) return guid;
      this.adoptGuid(guid.value);
      return { ok: true, value: undefined };
    });
  }

  sayFree(): Promise<Result<void>> {
    return this.state('sayFree', 'sayfree');
  }

  sayBusy(reason?: number, prolong?: boolean): Promise<Result<void>> {
    const invalid = reason === undefined ? null : checkBusyReason(reason);
    if (invalid) return Promise.resolve({ ok: false, error: invalid });
    const query = new URLSearchParams();
    if (reason !== undefined) query.set('reason', String(reason));
    if (prolong !== undefined) query.set('prolong', String(prolong));
    const q = query.size > 0 ? `?${query.toString()}` : '';
    return this.state('sayBusy', `saybusy${q}`);
  }

  cancelBusy(): Promise<Result<void>> {
    return this.state('cancelBusy', 'cancelbusy');
  }

  rest(seconds: number, cause: number, prolong?: boolean): Promise<Result<void>> {
    const invalid = checkRest(seconds, cause);
    if (invalid) return Promise.resolve({ ok: false, error: invalid });
    const q = prolong === undefined ? '' : `?prolong=${String(prolong)}`;
    return this.state('rest', `rest/${seconds}/${cause}${q}`);
  }

  cancelRest(): Promise<Result<void>> {
    return this.state('cancelRest', 'cancelrest');
  }

  work(): Promise<Result<void>> {
    return this.state('work', 'work');
  }

  cancelWork(): Promise<Result<void>> {
    return this.state('cancelWork', 'cancelwork');
  }

  /** §3.6: agent-state commands are bodiless POSTs under onlineagent/{id}/. */
  private state(logName: string, tail: string): Promise<Result<void>> {
    return this.command({ logName, method: 'POST', path: `onlineagent/${this.id}/${tail}` });
  }

  previewCallout(controlId: string, called: string): Promise<Result<{ callId: string | null }>> {
    const invalid = checkControlId(controlId) ?? checkCalled(called);
    if (invalid) return Promise.resolve({ ok: false, error: invalid });
    // §5.1: callcontrolid goes as the exact digit string (as the vendor's C# sample sends
    // it), never through a JS number, which would round a Java long above 2^53.
    const body = { called, callcontrolid: controlId };
    const path = `voicecall/${this.id}/previewCallout`;
    return this.command({ logName: 'previewCallout', method: 'PUT', path, body }, readCallId);
  }

  cancelPreviewCallout(controlId: string): Promise<Result<void>> {
    const invalid = checkControlId(controlId);
    if (invalid) return Promise.resolve({ ok: false, error: invalid });
    const path = `voicecall/${this.id}/cancelPreviewCallout`;
    const body = { callcontrolid: controlId };
    return this.command({ logName: 'cancelPreviewCallout', method: 'PUT', path, body });
  }

  secondDialEx(digits: string): Promise<Result<void>> {
    const invalid = checkDigits(digits);
    if (invalid) return Promise.resolve({ ok: false, error: invalid });
    // §5.3: `#` must travel as %23 or it becomes a URL fragment; encodeURIComponent keeps `*`.
    const path = `voicecall/${this.id}/seconddialex?number=${encodeURIComponent(digits)}`;
    return this.command({ logName: 'secondDialEx', method: 'POST', path });
  }

  release(): Promise<Result<void>> {
    return this.command({
      logName: 'release',
      method: 'DELETE',
      path: `voicecall/${this.id}/release`,
    });
  }

  hold(): Promise<Result<void>> {
    return this.command({ logName: 'hold', method: 'POST', path: `voicecall/${this.id}/hold` });
  }

  getHold(callId?: string): Promise<Result<void>> {
    const invalid = callId === undefined ? null : checkCallId(callId);
    if (invalid) return Promise.resolve({ ok: false, error: invalid });
    const q = callId === undefined ? '' : `?callid=${encodeURIComponent(callId)}`;
    return this.command({
      logName: 'getHold',
      method: 'POST',
      path: `voicecall/${this.id}/gethold${q}`,
    });
  }

  agentSkills(): Promise<Result<AgentSkill[]>> {
    const path = `onlineagent/${this.id}/agentskills`;
    // A read in its own queue beside the poll and the commands (§1.5), never retried.
    return this.query({ logName: 'queryAgentSkills', method: 'GET', path }, readAgentSkills);
  }

  queryAcdStat(skillIds: readonly number[]): Promise<Result<AcdStat[]>> {
    const body = acdStatBody(skillIds);
    if (!body.ok) return Promise.resolve(body);
    const path = `queuedevice/${this.id}/queryacdstat`;
    // POST, but a read: in its own queue (§1.5), so it never delays a command or the poll.
    return this.query(
      { logName: 'queryStatInfoOfAcd', method: 'POST', path, body: body.value },
      readAcdStats,
    );
  }

  close(): void {
    this.http.close();
  }

  /** A command: serialised per interface (§1.5) and never retried (STYLE §5). */
  private command<T = void>(spec: CallSpec, read?: Reader<T>): Promise<Result<T>> {
    return this.query(spec, read ?? (none as Reader<unknown> as Reader<T>));
  }

  /** Any non-sign-in request: after a sign-in in flight, one at a time per interface. */
  private query<T>(
    spec: CallSpec,
    read: Reader<T>,
    extra: Omit<HttpRequest, 'method' | 'path' | 'body'> = {},
  ): Promise<Result<T>> {
    return this.serial(spec.logName, async () => {
      // §1.5: nothing is sent while a sign-in is unanswered (there is no Guid yet).
      while (this.signInGate !== null) await this.signInGate;
      return this.send(spec, read, extra);
    });
  }

  /** Runs `run` after the previous request of the same queue has answered. */
  private serial<T>(key: string, run: () => Promise<T>): Promise<T> {
    // `send` never rejects, so a queue never holds a rejection.
    const next = (this.queues.get(key) ?? Promise.resolve()).then(run);
    this.queues.set(key, next);
    void next.then(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
    return next;
  }

  /** Sends one request, reads the envelope and reports the call to the observer. */
  private async send<T>(
    spec: CallSpec,
    read: Reader<T>,
    extra: Omit<HttpRequest, 'method' | 'path' | 'body'> = {},
  ): Promise<Result<T>> {
    const startedAt = performance.now();
    const result = await this.exchange(spec, read, extra);
    this.observer.onCall?.({
      method: spec.logName,
      durationMs: performance.now() - startedAt,
      outcome: result.ok
        ? '0'
        : result.error.kind === 'gateway' || result.error.kind === 'signed-out'
          ? result.error.retcode
          : result.error.kind,
    });
    return result;
  }

  private async exchange<T>(
    spec: CallSpec,
    read: Reader<T>,
    extra: Omit<HttpRequest, 'method' | 'path' | 'body'>,
  ): Promise<Result<T>> {
    if (this.agentCheck) return { ok: false, error: this.agentCheck };
    const reply = await this.http.request({
      method: spec.method,
      path: spec.path,
      ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
      ...extra,
    });
    if (!reply.ok) return reply;
    const envelope = readEnvelope(reply.value);
    return envelope.ok ? read(envelope.value) : envelope;
  }
}

/** The factory the desk core imports: one session per agent, over got. */
export const createGatewaySession: GatewayFactory = (connection, agentId, observer) =>
  new GatewaySession(connection, agentId, observer);
